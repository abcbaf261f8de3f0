package io.lifeboat.manifest;

import io.lifeboat.cluster.Topology;
import io.lifeboat.kernel.BackupMode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of a complete snapshot; written last, it is the only proof that a snapshot is whole. A differential
 * snapshot names the snapshot whose file lists it started from ({@code base}), if any. A Cassandra snapshot records
 * the ring it was taken from ({@code ring}: every node's tokens, and the replication of its keyspaces) and the tables
 * of each keyspace it holds ({@code tables}).
 */
public record Manifest(int formatVersion, String snapshot, String cluster, String clusterType, Instant startedAt, Instant completedAt,
                       String strategy, String compression, List<String> keyspaces, SchemaEntry schema, List<NodeManifest> nodes,
                       BackupMode mode, String base, Topology ring, Map<String, List<String>> tables) {

    /** What this Lifeboat writes for a full snapshot of a file cluster; it reads format 1 too. */
    public static final int FORMAT_VERSION = 2;
    /** What this Lifeboat writes for a differential snapshot of a file cluster, which a Lifeboat that reads only 1 and 2 refuses by its version. */
    public static final int DIFFERENTIAL_FORMAT_VERSION = 3;
    /**
     * What this Lifeboat writes for a snapshot of a Cassandra cluster, full or differential: with its ring. A Lifeboat
     * that reads 1 to 3 refuses it by its version, rather than import it blindly into a ring that differs.
     */
    public static final int RING_FORMAT_VERSION = 4;

    public Manifest {
        keyspaces = List.copyOf(keyspaces);
        nodes = List.copyOf(nodes);
        mode = mode == null ? BackupMode.FULL : mode;
        tables = tables == null ? null : Map.copyOf(tables);
    }

    /** A snapshot's manifest without a ring: a file cluster's, or a Cassandra cluster's written before format 4. */
    public Manifest(int formatVersion, String snapshot, String cluster, String clusterType, Instant startedAt, Instant completedAt,
                    String strategy, String compression, List<String> keyspaces, SchemaEntry schema, List<NodeManifest> nodes,
                    BackupMode mode, String base) {
        this(formatVersion, snapshot, cluster, clusterType, startedAt, completedAt, strategy, compression, keyspaces, schema, nodes, mode,
                base, null, null);
    }

    /** A full snapshot's manifest. */
    public Manifest(int formatVersion, String snapshot, String cluster, String clusterType, Instant startedAt, Instant completedAt,
                    String strategy, String compression, List<String> keyspaces, SchemaEntry schema, List<NodeManifest> nodes) {
        this(formatVersion, snapshot, cluster, clusterType, startedAt, completedAt, strategy, compression, keyspaces, schema, nodes,
                BackupMode.FULL, null);
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

    /** The ring the snapshot was taken from; empty for file clusters and for Cassandra snapshots before format 4. */
    public Optional<Topology> topology() {
        return Optional.ofNullable(ring);
    }

    /** The tables of each keyspace the snapshot holds; empty when the manifest does not say (before format 4). */
    public Optional<Map<String, List<String>>> tablesByKeyspace() {
        return Optional.ofNullable(tables);
    }

    /** The differential snapshot this one started from, if any. */
    public Optional<String> baseSnapshot() {
        return Optional.ofNullable(base);
    }

    public Optional<NodeManifest> node(int index) {
        return nodes.stream().filter(node -> node.index() == index).findFirst();
    }

    /**
     * The bytes this snapshot added to the store: archives and file lists; for a differential snapshot, its file
     * lists and the objects it uploaded (the files it shares with earlier snapshots are theirs).
     */
    public long storedBytes() {
        return nodes.stream().mapToLong(NodeManifest::storedBytes).sum();
    }

    /** The size of the files the snapshot holds, as they were on the nodes; unknown (-1) for full snapshots, whose manifest does not say. */
    public long dataBytes() {
        return mode == BackupMode.DIFFERENTIAL ? nodes.stream().mapToLong(node -> ((FileList.PerFileObjects) node.files()).dataBytes()).sum() : -1;
    }

    /** How many files the snapshot holds; unknown (-1) for full snapshots. */
    public long files() {
        return mode == BackupMode.DIFFERENTIAL ? nodes.stream().mapToLong(node -> ((FileList.PerFileObjects) node.files()).files()).sum() : -1;
    }
}
