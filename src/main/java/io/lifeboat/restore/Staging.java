package io.lifeboat.restore;

import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.WorkFolders;
import io.lifeboat.plan.PlanRun;

import java.nio.file.Path;

/** The folder inside a node's dataDir where its archive is extracted and checked before anything moves. */
final class Staging {

    private Staging() {
    }

    static Path of(PlanRun run, Node node) {
        return WorkFolders.restoreFolder(node, run.snapshot().value());
    }
}
