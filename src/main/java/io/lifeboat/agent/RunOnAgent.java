package io.lifeboat.agent;

import io.lifeboat.kernel.ParameterException;
import io.lifeboat.plan.NodeFanOutRoutes;
import io.lifeboat.plan.NodeRequest;
import io.lifeboat.plan.NodeStep;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A node's step, done by the node's agent on the node's own host: the request goes to the agent, the body
 * becomes the result the agent answers.
 */
final class RunOnAgent implements Processor {

    private final Agents agents;
    private final Map<String, NodeStep> steps;

    RunOnAgent(Agents agents, List<NodeStep> steps) {
        this.agents = agents;
        this.steps = steps.stream().collect(Collectors.toMap(NodeStep::name, Function.identity()));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        NodeRequest request = exchange.getMessage().getMandatoryBody(NodeRequest.class);
        String name = exchange.getProperty(NodeFanOutRoutes.NODE_STEP, String.class);
        NodeStep step = steps.get(name);
        if (step == null) {
            throw new ParameterException(name, "no node step " + name);
        }
        // A stop asked for while the node waited its turn: it does not start.
        run.progress().throwIfStopRequested();
        exchange.getMessage().setBody(agents.session(run, request.node()).run(step, request));
    }
}
