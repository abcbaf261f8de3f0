package io.lifeboat.cluster;

import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.SnapshotName;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * What a plan asks of the data service itself, whatever its type: its keyspaces, a snapshot per node,
 * its schema, and loading verified data back, node by node. Files and Cassandra implement it; the routes do
 * not care which. The node calls run where the node's data is: in this process, or in the node's agent.
 */
public interface ClusterAccess extends AutoCloseable {

    /** The user keyspaces on the node (never system keyspaces nor Lifeboat's working folders). */
    List<String> keyspaces(Node node) throws IOException;

    /** The bytes the keyspaces hold on the node, for progress: an estimate taken before the snapshot. */
    long dataBytes(Node node, List<String> keyspaces) throws IOException;

    /** Takes the node's snapshot for the run {@code owner}; what a run that is gone left on the node is cleaned first. */
    NodeSnapshot snapshot(Node node, SnapshotName name, List<String> keyspaces, RunOwner owner) throws IOException;

    /** The schema of the keyspaces, stored once per snapshot; empty when keyspaces carry their own (files). */
    Optional<byte[]> schema(List<String> keyspaces) throws IOException;

    /** The tables of each of the keyspaces that exist, sorted, where the cluster knows them apart from the data (Cassandra). */
    default Map<String, List<String>> tables(Collection<String> keyspaces) throws IOException {
        return Map.of();
    }

    /**
     * The cluster's ring and the replication settings of {@code keyspaces} (those that exist), for a cluster that has
     * a ring (Cassandra); empty for a file cluster.
     */
    default Optional<Topology> topology(Collection<String> keyspaces) throws IOException {
        return Optional.empty();
    }

    /**
     * Waits until every node of the cluster answers and agrees on the schema, for at most {@code timeout}; fails in one
     * line naming the nodes that do not answer or disagree. A file cluster has no schema of its own.
     */
    default void awaitSchemaAgreement(Duration timeout) throws IOException {
    }

    /**
     * The first of {@code names} that already exists on the node, if any: a keyspace, or {@code keyspace.table} for a
     * table restored into a keyspace that exists.
     */
    Optional<String> existing(Node node, Collection<String> names) throws IOException;

    /**
     * Before any node loads: makes what the restore adds to the schema where the cluster keeps it apart from the data
     * (Cassandra), all of it or none, and waits until every node agrees on it.
     */
    void createSchema(SchemaChange change, Optional<byte[]> schema) throws IOException;

    /**
     * Loads the parts staged in the node's staging folder into the cluster, each keyspace by its path, all of them or
     * none; {@code streamed} is told the bytes streaming sends as they go, and may throw to stop it.
     */
    LoadOutcome load(Node node, Path staging, NodeLoad load, LongConsumer streamed) throws IOException;

    /**
     * Takes what {@link #load} put into the node back out (a file cluster's keyspaces go back into staging); for
     * Cassandra, dropping the schema takes the loaded data with it.
     */
    void unload(Node node, Path staging, NodeLoad load) throws IOException;

    /** After a load that failed: drops what {@link #createSchema} made, with whatever was loaded into it. */
    void dropSchema(SchemaChange change);

    @Override
    default void close() {
    }
}
