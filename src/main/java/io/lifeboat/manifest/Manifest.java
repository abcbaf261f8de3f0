package io.lifeboat.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The record of a complete snapshot; written last, it is the only proof that a snapshot is whole. */
public record Manifest(int formatVersion, String snapshot, String cluster, String clusterType, Instant startedAt, Instant completedAt,
                       String strategy, String compression, List<String> keyspaces, SchemaEntry schema, List<NodeManifest> nodes) {

    /** What this Lifeboat writes; it reads format 1 too. */
    public static final int FORMAT_VERSION = 2;

    public Manifest {
        keyspaces = List.copyOf(keyspaces);
        nodes = List.copyOf(nodes);
    }

    /** {@code files} or {@code cassandra}; manifests written before the field existed are of file clusters. */
    @Override
    public String clusterType() {
        return clusterType == null ? "files" : clusterType;
    }

    /** The schema object, for snapshots of clusters whose schema is saved apart (Cassandra). */
    public Optional<SchemaEntry> schemaEntry() {
        return Optional.ofNullable(schema);
    }

    public Optional<NodeManifest> node(int index) {
        return nodes.stream().filter(node -> node.index() == index).findFirst();
    }

    /** The size of all archives and file lists in the store. */
    public long storedBytes() {
        return nodes.stream().mapToLong(node -> node.size() + (node.files() instanceof FileList.Stored list ? list.size() : 0)).sum();
    }
}
