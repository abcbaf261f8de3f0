package io.lifeboat.cluster;


import java.io.IOException;
import java.util.List;

/** A point-in-time copy of some keyspaces of a node, ready to archive; closing it removes it from the node. */
public interface NodeSnapshot extends AutoCloseable {

    Node node();

    /** The directories to archive and where they go in the archive ({@code <keyspace>/...}). */
    List<ArchiveRoot> roots();

    /** The size of all regular files in the snapshot. */
    long dataBytes();

    @Override
    void close() throws IOException;
}
