package io.lifeboat.backup;

import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Phase;
import io.lifeboat.plan.EnterPhase;
import io.lifeboat.plan.FixedPools;
import io.lifeboat.plan.NodeFanOutRoutes;
import io.lifeboat.plan.NodeStep;
import io.lifeboat.plan.NodeStepRoute;
import io.lifeboat.plan.ReleaseNodes;
import org.apache.camel.builder.RouteBuilder;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A backup, in the phases of the system it replaces: check (the store, every node's keyspaces, the snapshot
 * name claimed), save the schema, snapshot every node, upload every snapshot as its node's archive (each
 * node's request in, its manifest entry out), clean the snapshots up, and write the manifest last from the
 * entries. The nodes are let go and the name released in every case.
 */
public final class BackupRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:backup";
    static final NodeStep SURVEY = new NodeStep("survey-node", NodeSurvey.class, SurveyedNode.class);
    static final NodeStep SNAPSHOT = new NodeStep("snapshot-node", NodeBackup.class, NodeBackup.class);
    static final NodeStep UPLOAD = new NodeStep("upload-node", NodeBackup.class, ArchivedNode.class);
    /** The steps a backup runs on each node, here or on the node's agent. */
    public static final List<NodeStep> NODE_STEPS = List.of(SURVEY, SNAPSHOT, UPLOAD);
    /** The step that uploads a node into the store (its archive, or its files), by its id. */
    public static final String ARCHIVE_NODE = "archive-node";

    private final LifeboatSettings settings;

    public BackupRoutes(LifeboatSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        // Shared by every node's archive: parallel compression never exceeds the configured threads in total.
        ExecutorService compressionPool = FixedPools.create(getContext(), this, "lifeboat-compress", settings.compressionThreads());
        // Differential uploads: lifeboat.files-in-flight per node, for as many nodes as go at once.
        ExecutorService fileUploads = FixedPools.create(getContext(), this, "lifeboat-files", settings.filesInFlight() * settings.parallelism());

        from(ENDPOINT).routeId("backup")
                .doTry()
                    .process(new EnterPhase(Phase.CHECK))
                    .process(new BackupPreflight())
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(SURVEY.name()))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new ClaimSnapshotName(settings))
                    .process(new EnterPhase(Phase.SAVE_SCHEMA))
                    .process(new SaveSchema())
                    .process(new EnterPhase(Phase.SNAPSHOT))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(SNAPSHOT.name()))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase(Phase.UPLOAD))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(UPLOAD.name()))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase(Phase.CLEAN_UP))
                    .setProperty(NodeFanOutRoutes.NODE_STEP, constant(NodeFanOutRoutes.RELEASE.name()))
                    .to(NodeFanOutRoutes.ENDPOINT)
                    .process(new EnterPhase(Phase.WRITE_MANIFEST))
                    .process(new WriteManifest())
                .doFinally()
                    .process(new ReleaseNodes())
                    .process(new ReleaseClaim())
                .end();

        NodeStepRoute.define(this, SURVEY, new SurveyNode(), "survey");
        NodeStepRoute.define(this, SNAPSHOT, new SnapshotNode(), "snapshot");
        NodeStepRoute.define(this, UPLOAD, new ByBackupMode(new ArchiveNode(compressionPool), new UploadNodeFiles(settings, fileUploads)),
                ARCHIVE_NODE);
    }
}
