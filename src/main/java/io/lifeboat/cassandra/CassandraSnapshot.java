package io.lifeboat.cassandra;

import io.lifeboat.claim.Claim;
import io.lifeboat.cluster.ArchiveRoot;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeSnapshot;

import java.io.IOException;
import java.util.List;

/** A Cassandra snapshot of one node ({@code nodetool snapshot}) under the run's claim on its name, cleared from the node when closed. */
final class CassandraSnapshot implements NodeSnapshot {

    private final Node node;
    private final CassandraJmx jmx;
    private final String tag;
    private final List<String> keyspaces;
    private final List<ArchiveRoot> roots;
    private final long dataBytes;
    private final Claim claim;

    CassandraSnapshot(Node node, CassandraJmx jmx, String tag, List<String> keyspaces, List<ArchiveRoot> roots, long dataBytes,
                      Claim claim) {
        this.node = node;
        this.jmx = jmx;
        this.tag = tag;
        this.keyspaces = List.copyOf(keyspaces);
        this.roots = List.copyOf(roots);
        this.dataBytes = dataBytes;
        this.claim = claim;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public List<ArchiveRoot> roots() {
        return roots;
    }

    @Override
    public long dataBytes() {
        return dataBytes;
    }

    /** Clears the snapshot from the node, then lets its name go. */
    @Override
    public void close() throws IOException {
        try {
            if (!keyspaces.isEmpty()) {
                jmx.clearSnapshot(tag, keyspaces);
            }
        } finally {
            claim.close();
        }
    }
}
