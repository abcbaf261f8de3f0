package io.lifeboat.agent;

import io.lifeboat.plan.NodeFailed;
import io.lifeboat.plan.NodeFanOutRoutes;
import io.lifeboat.plan.NodeStep;
import org.apache.camel.builder.RouteBuilder;

import java.util.List;

/**
 * The coordinator's side of the agents: {@code direct:agent-step} sends a node's step to the node's agent
 * through Camel's Vert.x HTTP client, and ends with the step's result, or the node's failure said once.
 */
public final class AgentStepRoutes extends RouteBuilder {

    private final Agents agents;
    private final List<NodeStep> steps;

    public AgentStepRoutes(Agents agents, List<NodeStep> steps) {
        this.agents = agents;
        this.steps = List.copyOf(steps);
    }

    @Override
    public void configure() {
        // Made now, so that it starts with Camel: nodes sending their first requests at once would otherwise race
        // to make it, and all but one find its Vert.x not yet there.
        getContext().getComponent("vertx-http", true);
        agents.use(getContext().createProducerTemplate());
        bindToRegistry(AgentTls.CLIENT_OPTIONS, AgentTls.client(agents.settings()));

        from(NodeFanOutRoutes.AGENT_STEP).routeId("agent-step")
                .doTry()
                    .process(new RunOnAgent(agents, steps))
                .doCatch(Exception.class)
                    .process(new NodeFailed())
                .end();
    }
}
