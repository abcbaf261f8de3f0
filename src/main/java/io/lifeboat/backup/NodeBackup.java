package io.lifeboat.backup;

import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.manifest.FileList;
import io.lifeboat.plan.NodeRequest;
import io.lifeboat.plan.PlanRun;

import java.util.List;

/**
 * One node's part of a backup: its keyspaces, and the cores its compression may use (nodes archived at once
 * share them, so a parallel run does not oversubscribe the machine). A differential backup also says where the
 * node's new files go ({@code filesPrefix}) and the node's file list in the snapshot it starts from
 * ({@code previous}, null when there is none); both are null in a full backup.
 */
record NodeBackup(Node node, List<String> keyspaces, int compressionThreads, String filesPrefix, FileList.Stored previous)
        implements NodeRequest {

    NodeBackup {
        keyspaces = List.copyOf(keyspaces);
    }

    /** The node's snapshot, taken in the snapshot phase and held by the run; a stop asked for while the node waited its turn ends here. */
    NodeSnapshot snapshotToUpload(PlanRun run) {
        run.progress().throwIfStopRequested();
        return run.held(node, NodeSnapshot.class).orElseThrow(() -> new IllegalStateException(node + " has no snapshot"));
    }
}
