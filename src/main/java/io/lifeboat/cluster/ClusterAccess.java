package io.lifeboat.cluster;

import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.SnapshotName;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The first of {@code keyspaces} that already exists on the node, if any. */
    Optional<String> existingKeyspace(Node node, Collection<String> keyspaces) throws IOException;

    /**
     * Before any node loads: creates the schema of the keyspaces where the cluster keeps it apart from the data
     * (Cassandra), all of it or none.
     */
    void createSchema(List<String> keyspaces, Optional<byte[]> schema) throws IOException;

    /** Loads the node's verified keyspaces from its staging folder into the node, all of them or none. */
    void load(Node node, List<String> keyspaces, Path staging) throws IOException;

    /**
     * Takes what {@link #load} put into the node back out (a file cluster's keyspaces go back into staging); for
     * Cassandra, dropping the schema takes the loaded data with it.
     */
    void unload(Node node, List<String> keyspaces, Path staging) throws IOException;

    /** After a load that failed: drops the keyspaces {@link #createSchema} made, with whatever was loaded into them. */
    void dropSchema(List<String> keyspaces);

    @Override
    default void close() {
    }
}
