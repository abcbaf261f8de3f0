package io.lifeboat.restore;

import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Takes what a load put into the node back out, when another node's load failed. The body is unchanged. */
final class UnloadNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        RestoredNode loaded = exchange.getMessage().getMandatoryBody(RestoredNode.class);
        run.cluster().unload(loaded.node(), Staging.of(run, loaded.node()).folder(), loaded.request().load());
    }
}
