package io.lifeboat.cassandra;

import io.lifeboat.cluster.CassandraEndpoint;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.cluster.Node;
import io.lifeboat.plan.PlanFailedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalDatacenterTest {

    private static final List<Node> NODES = List.of(node(0), node(1), node(2));

    @Test
    void takesTheClusterFilesDataCentreWithoutAskingAnyNode() {
        Cluster cluster = new Cluster("prod", ClusterType.CASSANDRA, NODES, Optional.of("dc-east"));

        assertEquals("dc-east", LocalDatacenter.of(cluster, node -> {
            throw new AssertionError("asked " + node);
        }));
    }

    @Test
    void asksTheNodesInTheFilesOrderUntilOneAnswers() {
        List<Node> asked = new ArrayList<>();

        String datacenter = LocalDatacenter.of(new Cluster("prod", ClusterType.CASSANDRA, NODES, Optional.empty()), node -> {
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
        Cluster cluster = new Cluster("prod", ClusterType.CASSANDRA, NODES.subList(0, 2), Optional.empty());

        PlanFailedException failure = assertThrows(PlanFailedException.class, () -> LocalDatacenter.of(cluster, node -> {
            throw new IOException(node + ": cannot reach JMX at h:7199: ConnectException: Connection refused");
        }));

        assertEquals("cannot tell the local data centre of cluster prod, no node answered (node 0: cannot reach JMX at h:7199:"
                + " ConnectException: Connection refused; node 1: cannot reach JMX at h:7199: ConnectException: Connection refused);"
                + " name it with 'datacenter' in the cluster file", failure.getMessage());
    }

    private static Node node(int index) {
        return new Node(index, List.of(Path.of("/data/node-" + index)), Optional.of(new CassandraEndpoint("h", "h", 7199, 9042)));
    }
}
