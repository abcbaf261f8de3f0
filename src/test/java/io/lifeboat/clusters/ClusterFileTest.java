package io.lifeboat.clusters;

import io.lifeboat.cassandra.CassandraEndpoint;
import io.lifeboat.cassandra.CassandraNode;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.cluster.FileNode;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterFileTest {

    @TempDir
    Path folder;

    @Test
    void readsTheDocumentedShapeAndResolvesDataDirsAgainstTheFile() throws IOException {
        Path file = Files.writeString(folder.resolve("cluster.yaml"), """
                name: demo
                nodes:
                  - index: 0
                    dataDir: nodes/node-0
                  - index: 1
                    dataDir: nodes/node-1
                """);

        Cluster cluster = ClusterFile.load(file);

        assertEquals("demo", cluster.name());
        assertEquals(List.of(new FileNode(0, folder.resolve("nodes/node-0")), new FileNode(1, folder.resolve("nodes/node-1"))), cluster.nodes());
    }

    @Test
    void readsACassandraCluster() throws IOException {
        Path file = Files.writeString(folder.resolve("cassandra.yaml"), """
                name: prod
                type: cassandra
                nodes:
                  - index: 0
                    host: 127.0.0.1
                    jmxPort: 7199
                    cqlPort: 9042
                    dataDirs: [/var/lib/cassandra/data, data2]
                """);

        Cluster cluster = ClusterFile.load(file);

        assertEquals(ClusterType.CASSANDRA, cluster.type());
        Node node = cluster.nodes().get(0);
        assertEquals(List.of(Path.of("/var/lib/cassandra/data"), folder.resolve("data2")), node.dataDirs());
        assertEquals(new CassandraEndpoint("127.0.0.1", "127.0.0.1", 7199, 9042), ((CassandraNode) node).endpoint());
        assertEquals(Optional.empty(), ((CassandraNode) node).datacenter(), "asked of the nodes");
        Path noPorts = Files.writeString(folder.resolve("no-ports.yaml"), "name: p\ntype: cassandra\nnodes:\n  - index: 0\n    host: h\n    dataDirs: [d]\n");
        assertTrue(assertThrows(ParameterException.class, () -> ClusterFile.load(noPorts)).getMessage().contains("jmxPort"));
    }

    @Test
    void readsTheDataCentreOfACassandraClusterOnly() throws IOException {
        String nodes = "nodes:\n  - index: 0\n    host: h\n    jmxPort: 7199\n    cqlPort: 9042\n    dataDirs: [d]\n";
        Path named = Files.writeString(folder.resolve("named.yaml"), "name: p\ntype: cassandra\ndatacenter: dc-east\n" + nodes);
        Path blank = Files.writeString(folder.resolve("blank.yaml"), "name: p\ntype: cassandra\ndatacenter: ' '\n" + nodes);
        Path files = Files.writeString(folder.resolve("files.yaml"), "name: f\ndatacenter: dc-east\nnodes:\n  - index: 0\n    dataDir: a\n");

        assertEquals(Optional.of("dc-east"), ((CassandraNode) ClusterFile.load(named).nodes().get(0)).datacenter());
        assertTrue(assertThrows(ParameterException.class, () -> ClusterFile.load(blank)).getMessage().contains("'datacenter' is empty"));
        assertTrue(assertThrows(ParameterException.class, () -> ClusterFile.load(files)).getMessage()
                .endsWith("'datacenter' belongs to 'type: cassandra'"));
    }

    @Test
    void refusesDuplicateIndicesUnknownFieldsAndMissingFiles() throws IOException {
        Path duplicate = Files.writeString(folder.resolve("dup.yaml"),
                "name: x\nnodes:\n  - index: 0\n    dataDir: a\n  - index: 0\n    dataDir: b\n");
        Path typo = Files.writeString(folder.resolve("typo.yaml"), "name: x\nnodes:\n  - index: 0\n    datadir: a\n");

        assertTrue(assertThrows(ParameterException.class, () -> ClusterFile.load(duplicate)).getMessage().contains("appears twice"));
        assertThrows(ParameterException.class, () -> ClusterFile.load(typo));
        assertTrue(assertThrows(ParameterException.class, () -> ClusterFile.load(folder.resolve("none.yaml"))).getMessage()
                .contains("does not exist"));
    }
}
