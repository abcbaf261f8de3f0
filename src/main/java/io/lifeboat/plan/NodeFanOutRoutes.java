package io.lifeboat.plan;

import io.lifeboat.kernel.Strategy;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ExpressionAdapter;

import java.util.concurrent.ExecutorService;

/**
 * Runs a plan's per-node route (named by the {@link #NODE_STEP} property) for every node of the run:
 * one after another, or at most {@code parallelism} at once on a fixed pool. A node that fails stops
 * the nodes not yet started; the ones already running finish before the plan reports the failure.
 */
public final class NodeFanOutRoutes extends RouteBuilder {

    /** The exchange property naming the direct: endpoint that handles one node. */
    public static final String NODE_STEP = "lifeboatNodeStep";
    public static final String ENDPOINT = "direct:for-each-node";

    /** True while no node of the run has failed; per-node routes do nothing otherwise. */
    public static final Predicate RUN_HEALTHY = exchange -> PlanRun.of(exchange).healthy();

    private static final Expression NODES = new ExpressionAdapter() {
        @Override
        public Object evaluate(Exchange exchange) {
            return PlanRun.of(exchange).nodes();
        }
    };

    private final int parallelism;

    public NodeFanOutRoutes(int parallelism) {
        this.parallelism = parallelism;
    }

    @Override
    public void configure() {
        ExecutorService nodePool = getContext().getExecutorServiceManager().newFixedThreadPool(this, "lifeboat-node", parallelism);

        from(ENDPOINT).routeId("for-each-node")
                .choice()
                    .when(exchange -> PlanRun.of(exchange).request().strategy() == Strategy.PARALLEL)
                        .to("direct:for-each-node-parallel")
                    .otherwise()
                        .to("direct:for-each-node-serial")
                .end()
                .process(exchange -> PlanRun.of(exchange).throwIfFailed());

        from("direct:for-each-node-serial").routeId("for-each-node-serial")
                .split(NODES)
                    .toD("${exchangeProperty." + NODE_STEP + "}");

        from("direct:for-each-node-parallel").routeId("for-each-node-parallel")
                .split(NODES).parallelProcessing().executorService(nodePool)
                    .toD("${exchangeProperty." + NODE_STEP + "}");
    }
}
