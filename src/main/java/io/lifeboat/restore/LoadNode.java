package io.lifeboat.restore;

import io.lifeboat.claim.Claim;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Loads what the node staged into the node, provided the run still holds the node. The body is unchanged. */
final class LoadNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        RestoredNode staged = exchange.getMessage().getMandatoryBody(RestoredNode.class);
        // A restore that lost the node to another run (it had stopped renewing its claim) must not load into it.
        run.held(staged.node(), Claim.class).orElseThrow(() -> new IllegalStateException(staged.node() + " is not claimed")).checkHeld();
        run.cluster().load(staged.node(), staged.keyspaces(), Staging.of(run, staged.node()).folder());
    }
}
