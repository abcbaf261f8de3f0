package io.lifeboat.cluster;

import java.util.List;
import java.util.Optional;

/** A named set of nodes, as described by a cluster file. */
public record Cluster(String name, List<Node> nodes) {

    public Cluster {
        nodes = List.copyOf(nodes);
    }

    public Optional<Node> node(int index) {
        return nodes.stream().filter(node -> node.index() == index).findFirst();
    }
}
