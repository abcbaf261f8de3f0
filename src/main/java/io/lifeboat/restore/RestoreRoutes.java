package io.lifeboat.restore;

import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Phase;
import io.lifeboat.plan.EnterPhase;
import io.lifeboat.plan.FixedPools;
import io.lifeboat.plan.NodeFanOutRoutes;
import io.lifeboat.plan.NodeStep;
import io.lifeboat.plan.NodeStepRoute;
import io.lifeboat.plan.OnNode;
import io.lifeboat.plan.ReleaseNodes;
import org.apache.camel.builder.RouteBuilder;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A restore, in two phases across the nodes: every node is checked for the keyspaces being restored, then
 * claimed and checked again, then downloads, verifies and
 * stages its archive (each node's request in, what it staged out); only when every node has staged does any
 * node load, and a load that fails undoes the loads done. Staging is removed and the nodes let go in every case.
 */
public final class RestoreRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:restore";
    static final NodeStep CHECK = new NodeStep("check-node", NodeRestore.class, NodeRestore.class);
    static final NodeStep CLAIM = new NodeStep("claim-node", NodeRestore.class, NodeRestore.class);
    static final NodeStep STAGE = new NodeStep("stage-node", NodeRestore.class, RestoredNode.class);
    static final NodeStep LOAD = new NodeStep("load-node", RestoredNode.class, RestoredNode.class);
    static final NodeStep UNLOAD = new NodeStep("unload-node", RestoredNode.class, RestoredNode.class);
    /** The steps a restore runs on each node, here or on the node's agent. */
    public static final List<NodeStep> NODE_STEPS = List.of(CHECK, CLAIM, STAGE, LOAD, UNLOAD);

    private final LifeboatSettings settings;

    public RestoreRoutes(LifeboatSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        // Differential restores: lifeboat.files-in-flight downloads per node, for as many nodes as go at once.
        ExecutorService fileDownloads = FixedPools.create(getContext(), this, "lifeboat-fetch", settings.filesInFlight() * settings.parallelism());
        from(ENDPOINT).routeId("restore")
                .doTry()
                    .process(new EnterPhase(Phase.CHECK))
                    .process(new RestorePreflight(settings))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(CHECK.name()))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(CLAIM.name()))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase(Phase.RESTORE_NODES))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(STAGE.name()))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase(Phase.LOAD_KEYSPACES))
                    .process(new LoadKeyspaces(new OnNode(getContext().createProducerTemplate())))
                    .process(new EnterPhase(Phase.CLEAN_UP))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(NodeFanOutRoutes.RELEASE.name()))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new RestoreResult())
                .doFinally()
                    .process(new ReleaseNodes())
                .end();

        NodeStepRoute.define(this, CHECK, new CheckNode(), "check");
        NodeStepRoute.define(this, CLAIM, new ClaimNode(), "claim");
        NodeStepRoute.define(this, STAGE, new StageNode(new FetchNodeFiles(fileDownloads, settings.filesInFlight())), "extract");
        NodeStepRoute.define(this, LOAD, new LoadNode(), "load");
        NodeStepRoute.define(this, UNLOAD, new UnloadNode(), "unload");
    }
}
