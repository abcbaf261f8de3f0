package io.lifeboat.restore;

import io.lifeboat.claim.Claim;
import io.lifeboat.cluster.LoadOutcome;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Loads the parts the node staged into the cluster, provided the run still holds the node; the body says what the load did. */
final class LoadNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        RestoredNode staged = exchange.getMessage().getMandatoryBody(RestoredNode.class);
        // A restore that lost the node to another run (it had stopped renewing its claim) must not load into it.
        run.held(staged.node(), Claim.class).orElseThrow(() -> new IllegalStateException(staged.node() + " is not claimed")).checkHeld();
        // Streaming a node's parts may take long: a stop asked for meanwhile ends it at the loader's next word.
        LoadOutcome outcome = run.cluster().load(staged.node(), Staging.of(run, staged.node()).folder(), staged.request().load(),
                bytes -> run.progress().throwIfStopRequested());
        exchange.getMessage().setBody(staged.withLoad(outcome));
    }
}
