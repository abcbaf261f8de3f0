package io.lifeboat.cassandra;

import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.PlanFailedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalDatacenterTest {

    private static final List<Node> NODES = nodes(Optional.empty());

    @Test
    void takesTheClusterFilesDataCentreWithoutAskingAnyNode() {
        Cluster cluster = new Cluster("prod", ClusterType.CASSANDRA, nodes(Optional.of("dc-east")));

        assertEquals("dc-east", LocalDatacenter.of(cluster, node -> {
            throw new AssertionError("asked " + node);
        }));
    }

    @Test
    void asksTheNodesInTheFilesOrderUntilOneAnswers() {
        List<Node> asked = new ArrayList<>();

        String datacenter = LocalDatacenter.of(new Cluster("prod", ClusterType.CASSANDRA, NODES), node -> {
            asked.add(node);
            if (node.index() == 0) {
                throw new IOException(node + ": cannot reach JMX");
            }
            return "dc-west";
        });

        assertEquals("dc-west", datacenter);
        assertEquals(NODES.subList(0, 2), asked);
    }

    @Test
    void failsInOneLineNamingEveryNodeAskedAndWhy() {
        Cluster cluster = new Cluster("prod", ClusterType.CASSANDRA, NODES.subList(0, 2));

        PlanFailedException failure = assertThrows(PlanFailedException.class, () -> LocalDatacenter.of(cluster, node -> {
            throw new IOException(node + ": cannot reach JMX at h:7199: ConnectException: Connection refused");
        }));

        assertEquals("cannot tell the local data centre of cluster prod, no node answered (node 0: cannot reach JMX at h:7199:"
                + " ConnectException: Connection refused; node 1: cannot reach JMX at h:7199: ConnectException: Connection refused);"
                + " name it with 'datacenter' in the cluster file", failure.getMessage());
    }

    /** Three nodes; {@code datacenter} as the cluster file names it for each. */
    private static List<Node> nodes(Optional<String> datacenter) {
        return java.util.stream.IntStream.range(0, 3).<Node>mapToObj(index -> new CassandraNode(index, List.of(Path.of("/data/node-" + index)),
                new CassandraEndpoint("h", "h", 7199, 9042), datacenter)).toList();
    }
}
