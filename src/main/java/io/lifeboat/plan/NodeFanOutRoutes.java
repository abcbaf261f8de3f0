package io.lifeboat.plan;

import io.lifeboat.kernel.Strategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.util.concurrent.ExecutorService;

/**
 * Runs a plan's step (named by the {@link #NODE_STEP} property) for each node request of the body, one
 * after another or at most {@code parallelism} at once on a fixed pool, and gathers the nodes' results into
 * the body, a list. Each node's step runs where the node's data is: here ({@code direct:<step>}), or on the
 * node's agent ({@link #AGENT_STEP}). Once a node fails, or a stop is asked for, the nodes not yet started do
 * not start; the nodes running finish, and then the first failure is the plan's. {@code release-node}, the
 * step that lets a node go, is the same for every plan.
 */
public final class NodeFanOutRoutes extends RouteBuilder {

    /** The exchange property naming the step each node goes through. */
    public static final String NODE_STEP = "lifeboatNodeStep";
    public static final String ENDPOINT = "direct:for-each-node";
    /** One node's request through the step {@link #NODE_STEP} names, here or on the node's agent. */
    public static final String ONE_NODE = "direct:node-step";
    /** Where the step of a node with an agent is sent. */
    public static final String AGENT_STEP = "direct:agent-step";
    /** Lets go of what the run holds on a node; the body is unchanged. */
    public static final NodeStep RELEASE = new NodeStep("release-node", NodeRequest.class, NodeRequest.class);

    private final int parallelism;

    public NodeFanOutRoutes(int parallelism) {
        this.parallelism = parallelism;
    }

    @Override
    public void configure() {
        ExecutorService nodePool = FixedPools.create(getContext(), this, "lifeboat-node", parallelism);

        from(ENDPOINT).routeId("for-each-node")
                .choice()
                    .when(exchange -> PlanRun.of(exchange).request().strategy() == Strategy.PARALLEL)
                        .to("direct:for-each-node-parallel")
                    .otherwise()
                        .to("direct:for-each-node-serial")
                .end()
                // A stop that came while nodes ran ends the run here, before the steps that need every node.
                .process(exchange -> PlanRun.of(exchange).progress().throwIfStopRequested());

        from("direct:for-each-node-serial").routeId("for-each-node-serial")
                .split(body(), new NodeResults())
                    .filter(NodeFanOutRoutes::mayStart)
                        .to(ONE_NODE);

        from("direct:for-each-node-parallel").routeId("for-each-node-parallel")
                .split(body(), new NodeResults()).parallelProcessing().executorService(nodePool)
                    .filter(NodeFanOutRoutes::mayStart)
                        .to(ONE_NODE);

        from(ONE_NODE).routeId("node-step")
                .choice()
                    .when(NodeFanOutRoutes::onAgent)
                        .to(AGENT_STEP)
                    .otherwise()
                        .toD("direct:${exchangeProperty." + NODE_STEP + "}")
                .end();

        from(RELEASE.endpoint()).routeId(RELEASE.name())
                .process(new ReleaseNode());
    }

    private static boolean mayStart(Exchange node) {
        PlanRun run = PlanRun.of(node);
        return !run.nodesHalted() && !run.progress().stopRequested();
    }

    /**
     * Whether the node's step goes to its agent. Letting a node go is this run's own bookkeeping: closing what it
     * holds, for a node with an agent the session there, which ends the run on the agent.
     */
    private static boolean onAgent(Exchange node) {
        return node.getMessage().getBody(NodeRequest.class).node().agent().isPresent()
                && !RELEASE.name().equals(node.getProperty(NODE_STEP, String.class));
    }
}
