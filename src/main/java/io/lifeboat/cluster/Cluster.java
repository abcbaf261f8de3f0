package io.lifeboat.cluster;

import java.util.List;
import java.util.Optional;

/**
 * A named set of nodes, as described by a cluster file; for Cassandra, optionally the data centre the CQL
 * driver treats as local (else the nodes are asked).
 */
public record Cluster(String name, ClusterType type, List<Node> nodes, Optional<String> datacenter) {

    public Cluster {
        nodes = List.copyOf(nodes);
    }

    /** A file cluster. */
    public Cluster(String name, List<Node> nodes) {
        this(name, ClusterType.FILES, nodes, Optional.empty());
    }

    public Optional<Node> node(int index) {
        return nodes.stream().filter(node -> node.index() == index).findFirst();
    }
}
