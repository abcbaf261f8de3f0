package io.lifeboat.restore;

import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.cluster.LoadOutcome;
import io.lifeboat.cluster.Node;
import io.lifeboat.plan.NodeRequest;

/**
 * What a node's restore returns: its request, what its parts held of the keyspaces staged, the bytes read from the
 * store, and, once loaded, what the load did.
 */
record RestoredNode(NodeRestore request, NodeArchiveReader.Extracted extracted, long storedBytes, LoadOutcome loaded)
        implements NodeRequest {

    @Override
    public Node node() {
        return request.node();
    }

    RestoredNode withLoad(LoadOutcome outcome) {
        return new RestoredNode(request, extracted, storedBytes, outcome);
    }
}
