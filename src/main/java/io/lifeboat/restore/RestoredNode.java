package io.lifeboat.restore;

import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.cluster.Node;
import io.lifeboat.plan.NodeRequest;

import java.util.List;

/** What a node's restore returns: its keyspaces verified and staged, what they hold, and the bytes read from the store. */
record RestoredNode(Node node, List<String> keyspaces, NodeArchiveReader.Extracted extracted, long storedBytes) implements NodeRequest {

    RestoredNode {
        keyspaces = List.copyOf(keyspaces);
    }
}
