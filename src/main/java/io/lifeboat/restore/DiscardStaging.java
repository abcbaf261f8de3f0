package io.lifeboat.restore;

import io.lifeboat.cluster.FileTrees;
import io.lifeboat.cluster.Node;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Removes every node's staging folder: empty after a restore, holding unverified data after a failure. */
final class DiscardStaging implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        for (Node node : run.nodes()) {
            FileTrees.deleteIfExists(Staging.of(run, node));
        }
    }
}
