package io.lifeboat.restore;

import io.lifeboat.kernel.Phase;
import io.lifeboat.plan.EnterPhase;
import io.lifeboat.plan.NodeFailed;
import io.lifeboat.plan.NodeFanOutRoutes;
import org.apache.camel.builder.RouteBuilder;

/**
 * A restore: check everything and claim the target nodes before writing, then each node's request streams
 * and verifies its archive into a staging folder and comes back as what it restored, then the keyspaces of
 * all nodes are loaded at once. Staging is removed and the nodes let go in every case.
 */
public final class RestoreRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:restore";
    static final String NODE_ENDPOINT = "direct:restore-node";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("restore")
                .doTry()
                    .process(new EnterPhase(Phase.CHECK))
                    .process(new RestorePreflight())
                    .process(new EnterPhase(Phase.RESTORE_NODES))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(NODE_ENDPOINT))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase(Phase.LOAD_KEYSPACES))
                    .process(new LoadKeyspaces())
                .doFinally()
                    .process(new DiscardStaging())
                .end();

        from(NODE_ENDPOINT).routeId("restore-node")
                .doTry()
                    .process(new ExtractNode())
                .doCatch(Exception.class)
                    .process(new NodeFailed())
                .end();
    }
}
