package io.lifeboat.restore;

import io.lifeboat.claim.Claim;
import io.lifeboat.cluster.FileTrees;
import io.lifeboat.cluster.Node;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Map;

/**
 * Removes the staging folder of every node this restore holds (empty after a restore, holding unverified
 * data after a failure), then lets the nodes go. Nodes another run holds are not touched.
 */
final class DiscardStaging implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        for (Map.Entry<Node, Claim> held : run.nodeClaims().entrySet()) {
            try (Claim claim = held.getValue()) {
                FileTrees.deleteIfExists(Staging.of(run, held.getKey()));
            }
        }
    }
}
