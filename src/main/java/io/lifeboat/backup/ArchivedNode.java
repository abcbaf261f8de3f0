package io.lifeboat.backup;

import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.NodeRequest;

/** What a node's upload returns: its manifest entry, and what its archive holds. */
record ArchivedNode(Node node, NodeManifest entry, long files, long dataBytes) implements NodeRequest {
}
