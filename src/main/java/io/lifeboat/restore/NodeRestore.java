package io.lifeboat.restore;

import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.Compression;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.NodeRequest;

import java.util.List;

/** One node's part of a restore: the keyspaces it takes, and its part of the snapshot as the manifest describes it. */
record NodeRestore(Node node, List<String> keyspaces, NodeManifest snapshot, Compression compression) implements NodeRequest {

    NodeRestore {
        keyspaces = List.copyOf(keyspaces);
    }
}
