package io.lifeboat.backup;

import io.lifeboat.cluster.Node;
import io.lifeboat.plan.NodeRequest;

import java.util.List;

/**
 * One node's part of a backup: its keyspaces, and the cores its compression may use (nodes archived at once
 * share them, so a parallel run does not oversubscribe the machine).
 */
record NodeBackup(Node node, List<String> keyspaces, int compressionThreads) implements NodeRequest {

    NodeBackup {
        keyspaces = List.copyOf(keyspaces);
    }
}
