package io.lifeboat.plan;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Runs one node's request through a node step from inside a phase, the way the fan-out runs each node's, for
 * a phase that must decide node by node what comes next (loading, and undoing loads).
 */
public final class OnNode {

    private final ProducerTemplate template;

    public OnNode(ProducerTemplate template) {
        this.template = template;
    }

    /** The step's result for the node; the node's failure is thrown, already naming the node. */
    public Object run(Exchange phase, NodeStep step, NodeRequest request) throws Exception {
        Exchange node = phase.copy();
        node.getMessage().setBody(request);
        node.setProperty(NodeFanOutRoutes.NODE_STEP, step.name());
        template.send(NodeFanOutRoutes.ONE_NODE, node);
        if (node.getException() != null) {
            throw node.getException();
        }
        return node.getMessage().getBody();
    }
}
