package io.lifeboat.backup;

import io.lifeboat.manifest.NodeManifest;

/** What a node's backup returns: its manifest entry, and what its archive holds. */
record ArchivedNode(NodeManifest entry, long files, long dataBytes) {
}
