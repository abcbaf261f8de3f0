package io.lifeboat.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One node of a cluster: its index, its data directories (the first also holds Lifeboat's working
 * folders) and, for a Cassandra node, where it answers.
 */
public record Node(int index, List<Path> dataDirs, Optional<CassandraEndpoint> cassandra) {

    public Node {
        dataDirs = List.copyOf(dataDirs);
        if (dataDirs.isEmpty()) {
            throw new IllegalArgumentException("node " + index + " has no data directory");
        }
    }

    /** A node of a file cluster: one directory of keyspaces. */
    public Node(int index, Path dataDir) {
        this(index, List.of(dataDir), Optional.empty());
    }

    public Path dataDir() {
        return dataDirs.get(0);
    }

    @Override
    public String toString() {
        return "node " + index;
    }
}
