package io.lifeboat.restore;

import io.lifeboat.plan.EnterPhase;
import io.lifeboat.plan.NodeFanOutRoutes;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.builder.RouteBuilder;

/**
 * A restore: check everything and lock the target nodes before writing, stream and verify every node's
 * archive into a staging folder, then load the keyspaces of all nodes at once. Staging is removed and the
 * nodes let go in every case.
 */
public final class RestoreRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:restore";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("restore")
                .doTry()
                    .process(new EnterPhase("check"))
                    .process(new RestorePreflight())
                    .process(new EnterPhase("restore-nodes"))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant("direct:restore-node"))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase("load-keyspaces"))
                    .process(new LoadKeyspaces())
                .doFinally()
                    .process(new DiscardStaging())
                .end();

        from("direct:restore-node").routeId("restore-node")
                .setProperty(PlanRun.NODE_PROPERTY, body())
                .filter(NodeFanOutRoutes.RUN_HEALTHY)
                    .process(new ExtractNode());
    }
}
