package io.lifeboat.restore;

import io.lifeboat.cluster.FileTrees;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.WorkFolders;
import io.lifeboat.plan.PlanRun;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The folder inside a node's dataDir where its archive is extracted and checked before anything moves; held
 * by the run until the node is let go, then removed (empty after a load, unverified data after a failure).
 */
record Staging(Path folder) implements AutoCloseable {

    static Staging of(PlanRun run, Node node) {
        return new Staging(WorkFolders.restoreFolder(node, run.snapshot().value()));
    }

    @Override
    public void close() throws IOException {
        FileTrees.deleteIfExists(folder);
    }
}
