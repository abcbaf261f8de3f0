package io.lifeboat.backup;

import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;

/** Finds the keyspaces of the run's filter on the node (whole or some tables), and their size; the body becomes what was found. */
final class SurveyNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        NodeSurvey request = exchange.getMessage().getMandatoryBody(NodeSurvey.class);
        KeyspaceFilter filter = run.request().keyspaces();
        List<String> keyspaces = run.cluster().keyspaces(request.node()).stream().filter(filter::selects).toList();
        exchange.getMessage().setBody(new SurveyedNode(request.node(), keyspaces,
                run.cluster().dataBytes(request.node(), filter.entries(keyspaces))));
    }
}
