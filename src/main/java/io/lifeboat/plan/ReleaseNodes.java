package io.lifeboat.plan;

import io.lifeboat.cluster.Node;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every run, whatever happened: every node the run still holds anything on is let go (after a
 * failure, nodes whose clean-up phase never came). A node that cannot be let go is left to the next run on
 * it, which finds what this one held free and removes it; the run's own outcome is what gets reported.
 */
public final class ReleaseNodes implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseNodes.class);

    @Override
    public void process(Exchange exchange) {
        PlanRun run = PlanRun.of(exchange);
        for (Node node : run.nodesHeld()) {
            try {
                run.release(node);
            } catch (Exception e) {
                LOG.warn("{}: could not clean up after run {}: {}", node, run.progress().id(), e.getMessage());
            }
        }
    }
}
