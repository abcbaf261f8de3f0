package io.lifeboat.plan;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Lets the node of the request go: what the run held on it (snapshot, staging, claims) is closed. */
final class ReleaseNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun.of(exchange).release(exchange.getMessage().getMandatoryBody(NodeRequest.class).node());
    }
}
