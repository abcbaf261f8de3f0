package io.lifeboat.plan;

import io.lifeboat.kernel.PlanFailedException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A per-node route's catch: the failure is said as the operator reads it, naming the node, recorded against
 * the node's step, and thrown on for the plan to report; the nodes not yet started are not started.
 */
public final class NodeFailed implements Processor {

    @Override
    public void process(Exchange exchange) {
        PlanRun run = PlanRun.of(exchange);
        NodeRequest request = exchange.getMessage().getBody(NodeRequest.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        PlanFailedException failure = PlanFailedException.of(request.node().toString(), cause);
        run.haltNodes();
        run.progress().node(request.node().index()).fail(failure.getMessage());
        throw failure;
    }
}
