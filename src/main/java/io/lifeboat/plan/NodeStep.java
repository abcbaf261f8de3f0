package io.lifeboat.plan;

/**
 * A plan's step on one node, by name, with the request it takes and the result it answers: run where the
 * node's data is, by the route {@code direct:<name>} of this process or of the node's agent.
 */
public record NodeStep(String name, Class<? extends NodeRequest> request, Class<?> result) {

    public String endpoint() {
        return "direct:" + name;
    }
}
