package io.lifeboat.restore;

import io.lifeboat.kernel.PlanResult;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sums what the nodes restored (the body) into the plan's result, which becomes the body. */
final class RestoreResult implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        List<RestoredNode> restored = ((List<?>) exchange.getMessage().getMandatoryBody(List.class)).stream()
                .map(RestoredNode.class::cast).toList();
        exchange.getMessage().setBody(new PlanResult(run.request().plan(), run.snapshot(), run.store().location().describe(), restored.size(),
                restored.stream().mapToLong(node -> node.extracted().files()).sum(),
                restored.stream().mapToLong(node -> node.extracted().dataBytes()).sum(),
                restored.stream().mapToLong(RestoredNode::storedBytes).sum(), Duration.between(run.startedAt(), Instant.now())));
    }
}
