package io.lifeboat.backup;

import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Phase;
import io.lifeboat.plan.EnterPhase;
import io.lifeboat.plan.FixedPools;
import io.lifeboat.plan.NodeFailed;
import io.lifeboat.plan.NodeFanOutRoutes;
import org.apache.camel.builder.RouteBuilder;

import java.util.concurrent.ExecutorService;

/**
 * A backup: check and claim the snapshot name, then each node's request goes through snapshot → archive into
 * the store and comes back as its manifest entry, and the manifest is written last from the entries; the
 * name is let go in every case.
 */
public final class BackupRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:backup";
    static final String NODE_ENDPOINT = "direct:backup-node";
    /** The step that archives a node into the store, by its id. */
    public static final String ARCHIVE_NODE = "archive-node";

    private final LifeboatSettings settings;

    public BackupRoutes(LifeboatSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        // Shared by every node's archive: parallel compression never exceeds the configured threads in total.
        ExecutorService compressionPool = FixedPools.create(getContext(), this, "lifeboat-compress", settings.compressionThreads());

        from(ENDPOINT).routeId("backup")
                .doTry()
                    .process(new EnterPhase(Phase.CHECK))
                    .process(new BackupPreflight(settings))
                    .process(new EnterPhase(Phase.SAVE_SCHEMA))
                    .process(new SaveSchema())
                    .process(new EnterPhase(Phase.BACKUP_NODES))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(NODE_ENDPOINT))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase(Phase.WRITE_MANIFEST))
                    .process(new WriteManifest())
                .doFinally()
                    .process(new ReleaseClaim())
                .end();

        from(NODE_ENDPOINT).routeId("backup-node")
                .doTry()
                    .process(new SnapshotNode())
                    .process(new ArchiveNode(compressionPool)).id(ARCHIVE_NODE)
                .doCatch(Exception.class)
                    .process(new NodeFailed())
                .doFinally()
                    .process(new RemoveSnapshot())
                .end();
    }
}
