package io.lifeboat.plan;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route of a node step, the same for every step: {@code direct:<step>} takes the node's request, does the
 * step's work, and ends with the step's result; a failure is said once, naming the node ({@link NodeFailed}).
 */
public final class NodeStepRoute {

    private NodeStepRoute() {
    }

    /** Defines the step's route in {@code routes}; {@code workId} names the work, for tests that advise it. */
    public static void define(RouteBuilder routes, NodeStep step, Processor work, String workId) {
        routes.from(step.endpoint()).routeId(step.name())
                .doTry()
                    .process(work).id(workId)
                .doCatch(Exception.class)
                    .process(new NodeFailed())
                .end();
    }
}
