package io.lifeboat.cassandra;

import io.lifeboat.archive.ArchiveRoot;
import io.lifeboat.cluster.LockFile;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeSnapshot;

import java.io.IOException;
import java.util.List;

/** A Cassandra snapshot of one node ({@code nodetool snapshot}) under the run's lock on its name, cleared from the node when closed. */
final class CassandraSnapshot implements NodeSnapshot {

    private final Node node;
    private final CassandraJmx jmx;
    private final String tag;
    private final List<String> keyspaces;
    private final List<ArchiveRoot> roots;
    private final long dataBytes;
    private final LockFile lock;

    CassandraSnapshot(Node node, CassandraJmx jmx, String tag, List<String> keyspaces, List<ArchiveRoot> roots, long dataBytes,
                      LockFile lock) {
        this.node = node;
        this.jmx = jmx;
        this.tag = tag;
        this.keyspaces = List.copyOf(keyspaces);
        this.roots = List.copyOf(roots);
        this.dataBytes = dataBytes;
        this.lock = lock;
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
            lock.close();
        }
    }
}
