package io.lifeboat.restore;

import io.lifeboat.cluster.FileTrees;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.WorkFolders;
import io.lifeboat.plan.PlanRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder inside a node's dataDir where its archive is extracted and checked before anything moves; held
 * by the run until the node is let go, then removed (empty after a load, unverified data after a failure).
 */
record Staging(Path folder) implements AutoCloseable {

    static Staging of(PlanRun run, Node node) {
        return new Staging(WorkFolders.restoreFolder(node, run.snapshot().value()));
    }

    /** Makes the node's staging folder, held by the run from now on. */
    static Staging open(PlanRun run, Node node) throws IOException {
        Staging staging = of(run, node);
        run.hold(node, staging);
        Files.createDirectories(staging.folder());
        return staging;
    }

    @Override
    public void close() throws IOException {
        FileTrees.deleteIfExists(folder);
    }
}
