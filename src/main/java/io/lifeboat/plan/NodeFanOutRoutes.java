package io.lifeboat.plan;

import io.lifeboat.kernel.Strategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.util.concurrent.ExecutorService;

/**
 * Runs a plan's per-node route (named by the {@link #NODE_STEP} property) for each node request of the body,
 * one after another or at most {@code parallelism} at once on a fixed pool, and gathers the routes' results
 * into the body, a list. Once a node fails, or a stop is asked for, the nodes not yet started do not start;
 * the nodes running finish, and then the first failure is the plan's.
 */
public final class NodeFanOutRoutes extends RouteBuilder {

    /** The exchange property naming the direct: endpoint that handles one node. */
    public static final String NODE_STEP = "lifeboatNodeStep";
    public static final String ENDPOINT = "direct:for-each-node";

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
                        .toD("${exchangeProperty." + NODE_STEP + "}");

        from("direct:for-each-node-parallel").routeId("for-each-node-parallel")
                .split(body(), new NodeResults()).parallelProcessing().executorService(nodePool)
                    .filter(NodeFanOutRoutes::mayStart)
                        .toD("${exchangeProperty." + NODE_STEP + "}");
    }

    private static boolean mayStart(Exchange node) {
        PlanRun run = PlanRun.of(node);
        return !run.nodesHalted() && !run.progress().stopRequested();
    }
}
