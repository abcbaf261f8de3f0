package io.lifeboat.cassandra;

import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.AgentAddress;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A live Cassandra node: its data directories (the node's data_file_directories), where it answers, and the
 * data centre the cluster file names for the CQL driver (else the nodes are asked), the agent beside it, and the
 * Cassandra home of its installation, whose jars stream SSTables to it (else the class path its JVM reports).
 */
public record CassandraNode(int index, List<Path> dataDirs, CassandraEndpoint endpoint, Optional<String> datacenter,
                            Optional<AgentAddress> agent, Optional<Path> cassandraHome) implements Node {

    /** A node this process works on directly. */
    public CassandraNode(int index, List<Path> dataDirs, CassandraEndpoint endpoint, Optional<String> datacenter) {
        this(index, dataDirs, endpoint, datacenter, Optional.empty(), Optional.empty());
    }

    public CassandraNode {
        dataDirs = List.copyOf(dataDirs);
        if (dataDirs.isEmpty()) {
            throw new IllegalArgumentException("node " + index + " has no data directory");
        }
    }

    /** The node as a Cassandra node: a cluster of type cassandra holds no other kind. */
    static CassandraNode of(Node node) {
        if (node instanceof CassandraNode cassandra) {
            return cassandra;
        }
        throw new IllegalArgumentException(node + " is not a Cassandra node");
    }

    @Override
    public String toString() {
        return "node " + index;
    }
}
