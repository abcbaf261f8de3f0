package io.lifeboat.restore;

import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.Compression;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.NodeRequest;

import java.util.List;

/**
 * One node's part of a restore: the keyspaces it takes, its part of the snapshot as the manifest describes it,
 * and every keyspace the restore creates on any node, none of which may exist on this one.
 */
record NodeRestore(Node node, List<String> keyspaces, NodeManifest snapshot, Compression compression, List<String> restoring)
        implements NodeRequest {

    NodeRestore {
        keyspaces = List.copyOf(keyspaces);
        restoring = List.copyOf(restoring);
    }
}
