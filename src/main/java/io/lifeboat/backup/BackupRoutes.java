package io.lifeboat.backup;

import io.lifeboat.plan.EnterPhase;
import io.lifeboat.plan.NodeFanOutRoutes;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.kernel.LifeboatSettings;
import org.apache.camel.builder.RouteBuilder;

import java.util.concurrent.ExecutorService;

/**
 * A backup: check and claim the snapshot name, then per node snapshot → archive → store, then the manifest,
 * written last; the name is let go in every case.
 */
public final class BackupRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:backup";

    private final LifeboatSettings settings;
    private final ExecutorService compressionPool;

    public BackupRoutes(LifeboatSettings settings, ExecutorService compressionPool) {
        this.settings = settings;
        this.compressionPool = compressionPool;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("backup")
                .doTry()
                    .process(new EnterPhase("check"))
                    .process(new BackupPreflight())
                    .process(new EnterPhase("save-schema"))
                    .process(new SaveSchema())
                    .process(new EnterPhase("backup-nodes"))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant("direct:backup-node"))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase("write-manifest"))
                    .process(new WriteManifest())
                .doFinally()
                    .process(new ReleaseClaim())
                .end();

        from("direct:backup-node").routeId("backup-node")
                .setProperty(PlanRun.NODE_PROPERTY, body())
                .filter(NodeFanOutRoutes.RUN_HEALTHY)
                    .process(new SnapshotNode())
                    .doTry()
                        .process(new ArchiveNode(settings, compressionPool))
                        .process(new StoreArchive())
                    .doFinally()
                        .process(new RemoveSnapshot())
                    .end()
                .end();
    }
}
