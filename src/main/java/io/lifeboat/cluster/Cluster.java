package io.lifeboat.cluster;

import java.util.List;
import java.util.Optional;

/** A named set of nodes of one type, as described by a cluster file. */
public record Cluster(String name, ClusterType type, List<Node> nodes) {

    public Cluster {
        nodes = List.copyOf(nodes);
    }

    /** A file cluster. */
    public Cluster(String name, List<Node> nodes) {
        this(name, ClusterType.FILES, nodes);
    }

    public Optional<Node> node(int index) {
        return nodes.stream().filter(node -> node.index() == index).findFirst();
    }
}
