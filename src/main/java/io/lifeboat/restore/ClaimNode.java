package io.lifeboat.restore;

import io.lifeboat.cluster.WorkFolders;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Claims the node for this restore (no other restore writes into it until it is let go; what a restore that
 * is gone staged there is removed), then checks again that no keyspace being restored exists on it: a restore
 * that ended just before the claim may have loaded one. The body is unchanged.
 */
final class ClaimNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        NodeRestore request = exchange.getMessage().getMandatoryBody(NodeRestore.class);
        run.hold(request.node(), WorkFolders.claimForRestore(request.node(), run.owner()));
        CheckNode.refuseExisting(run, request);
    }
}
