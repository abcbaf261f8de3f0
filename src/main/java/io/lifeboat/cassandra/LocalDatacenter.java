package io.lifeboat.cassandra;

import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.PlanFailedException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data centre the CQL driver treats as local, which it must be told: it sends requests only to nodes
 * of that data centre. The cluster file's {@code datacenter} if given, else the data centre of the first
 * node in the file that answers over JMX.
 */
final class LocalDatacenter {

    /** Asks one node which data centre it is in; a failure's message names the node and why. */
    @FunctionalInterface
    interface Question {
        String datacenterOf(Node node) throws IOException;
    }

    private LocalDatacenter() {
    }

    static String of(Cluster cluster, Question nodes) {
        Optional<String> named = cluster.nodes().stream().findFirst().flatMap(node -> CassandraNode.of(node).datacenter());
        if (named.isPresent()) {
            return named.get();
        }
        List<String> failures = new ArrayList<>();
        for (Node node : cluster.nodes()) {
            try {
                return nodes.datacenterOf(node);
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        throw new PlanFailedException("cannot tell the local data centre of cluster " + cluster.name() + ", no node answered ("
                + String.join("; ", failures) + "); name it with 'datacenter' in the cluster file");
    }
}
