package io.lifeboat.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The record of a complete snapshot; written last, it is the only proof that a snapshot is whole. */
public record Manifest(int formatVersion, String snapshot, String cluster, Instant startedAt, Instant completedAt,
                       String strategy, String compression, List<String> keyspaces, List<NodeManifest> nodes) {

    public static final int FORMAT_VERSION = 1;

    public Manifest {
        keyspaces = List.copyOf(keyspaces);
        nodes = List.copyOf(nodes);
    }

    public Optional<NodeManifest> node(int index) {
        return nodes.stream().filter(node -> node.index() == index).findFirst();
    }

    /** The size of all archives in the store. */
    public long storedBytes() {
        return nodes.stream().mapToLong(NodeManifest::size).sum();
    }
}
