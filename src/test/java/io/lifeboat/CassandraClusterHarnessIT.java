package io.lifeboat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.lifeboat.cassandra.CassandraEndpoint;
import io.lifeboat.cassandra.CassandraNode;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.clusters.ClusterFile;
import io.lifeboat.testing.TestCassandraCluster;
import io.lifeboat.testing.TestCassandraCluster.Node;
import io.lifeboat.testing.TestCassandraCluster.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The multi-node test cluster: nodes on loopback addresses of their own, in the data centre and with the tokens
 * asked, rows on every replica at consistency ALL, a killed node back in the ring, and a cluster file Lifeboat reads.
 */
class CassandraClusterHarnessIT {

    private static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";
    private static final String SNITCH = "org.apache.cassandra.db:type=EndpointSnitchInfo";
    private static final int ROWS = 50;

    private static TestCassandraCluster east;
    private static TestCassandraCluster west;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startClusters() {
        east = TestCassandraCluster.start(Spec.of("harness-east", List.of("127.0.0.5", "127.0.0.6", "127.0.0.7")));
        // The ring of east's first two nodes, as a restore target with the source's tokens would have it.
        List<List<Long>> tokens = List.of(east.node(0).tokens(), east.node(1).tokens());
        west = TestCassandraCluster.start(Spec.of("harness-west", List.of("127.0.0.8", "127.0.0.9"))
                .withDatacenter("dc-west").withInitialTokens(tokens));
    }

    @AfterAll
    static void stopClusters() {
        for (TestCassandraCluster cluster : new TestCassandraCluster[] {west, east}) {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void nodesShareTheirPortsOnAddressesOfTheirOwnEachWithItsOwnJmx() {
        List<Node> nodes = east.nodes();

        assertEquals(List.of("127.0.0.5", "127.0.0.6", "127.0.0.7"), nodes.stream().map(Node::host).toList());
        assertEquals(1, nodes.stream().map(Node::storagePort).distinct().count());
        assertEquals(1, nodes.stream().map(Node::cqlPort).distinct().count());
        assertEquals(3, nodes.stream().map(Node::jmxPort).distinct().count());
        Set<InetSocketAddress> contactPoints = nodes.stream().map(Node::contactPoint).collect(Collectors.toSet());
        assertEquals(contactPoints, east.session().getMetadata().getNodes().values().stream()
                .map(node -> node.getEndPoint().resolve()).collect(Collectors.toSet()));
        for (Node node : nodes) {
            List<String> live = east.jmxAttribute(node.index(), STORAGE_SERVICE, "LiveNodes");
            assertEquals(Set.of("127.0.0.5", "127.0.0.6", "127.0.0.7"), Set.copyOf(live), node.toString());
        }
    }

    @Test
    void eachNodeIsInItsClustersDataCentreAndRack() {
        for (TestCassandraCluster cluster : List.of(east, west)) {
            for (Node node : cluster.nodes()) {
                assertEquals(cluster.spec().datacenter(), cluster.jmxAttribute(node.index(), SNITCH, "Datacenter"));
                assertEquals("rack1", cluster.jmxAttribute(node.index(), SNITCH, "Rack"));
            }
        }
    }

    @Test
    void nodesWithoutInitialTokensPickTokensOfTheirOwn() {
        Set<Long> all = new HashSet<>();
        for (Node node : east.nodes()) {
            assertEquals(16, node.tokens().size(), node.toString());
            all.addAll(node.tokens());
        }
        assertEquals(48, all.size());
    }

    @Test
    void nodesWithInitialTokensHoldThoseTokens() {
        for (Node node : west.nodes()) {
            assertEquals(east.node(node.index()).tokens(), node.tokens());
        }
    }

    @Test
    void rowsWrittenAtConsistencyAllReadBackAtAll() {
        for (TestCassandraCluster cluster : List.of(east, west)) {
            String table = createReadings(cluster, "written");

            writeReadings(cluster.session(), table, 0);

            assertEquals(expectedReadings(0), readReadings(cluster.session(), table));
        }
    }

    @Test
    void aKilledNodeComesBackAndServesAtConsistencyAllAgain() throws IOException {
        String table = createReadings(east, "revived");
        writeReadings(east.session(), table, 0);

        east.kill(2);

        assertThrows(IOException.class, () -> new Socket(east.node(2).host(), east.node(2).cqlPort()).close());
        east.restart(2);
        writeReadings(east.session(), table, 1);
        assertEquals(expectedReadings(1), readReadings(east.session(), table));
        assertEquals(east.node(2).tokens(), tokensOf(east, 2));
    }

    @Test
    void writesAClusterFileLifeboatReads() {
        Cluster cluster = ClusterFile.load(east.writeClusterFile(scratch.resolve("east.yaml"), "east"));

        assertEquals("east", cluster.name());
        assertEquals(3, cluster.nodes().size());
        for (Node node : east.nodes()) {
            CassandraNode read = (CassandraNode) cluster.node(node.index()).orElseThrow();
            assertEquals(new CassandraEndpoint(node.host(), "127.0.0.1", node.jmxPort(), node.cqlPort()), read.endpoint());
            assertEquals(List.of(node.dataDirectory()), read.dataDirs());
        }
    }

    /** A table in a keyspace of replication factor 2 in the cluster's data centre. */
    private static String createReadings(TestCassandraCluster cluster, String keyspace) {
        cluster.session().execute("CREATE KEYSPACE " + keyspace + " WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', '" + cluster.spec().datacenter() + "': 2}");
        cluster.awaitSchemaAgreement();
        cluster.session().execute("CREATE TABLE " + keyspace + ".readings (id int PRIMARY KEY, value text)");
        cluster.awaitSchemaAgreement();
        return keyspace + ".readings";
    }

    private static void writeReadings(CqlSession session, String table, int round) {
        for (int id = 0; id < ROWS; id++) {
            session.execute("INSERT INTO " + table + " (id, value) VALUES (?, ?)", id, "round " + round + " row " + id);
        }
    }

    private static Map<Integer, String> readReadings(CqlSession session, String table) {
        return session.execute("SELECT id, value FROM " + table).all().stream()
                .collect(Collectors.toMap(row -> row.getInt("id"), row -> row.getString("value"), (a, b) -> a, TreeMap::new));
    }

    private static Map<Integer, String> expectedReadings(int round) {
        Map<Integer, String> rows = new TreeMap<>();
        for (int id = 0; id < ROWS; id++) {
            rows.put(id, "round " + round + " row " + id);
        }
        return rows;
    }

    private static List<Long> tokensOf(TestCassandraCluster cluster, int node) {
        Map<String, String> ring = cluster.jmxAttribute(node, STORAGE_SERVICE, "TokenToEndpointMap");
        String host = cluster.node(node).host();
        return ring.entrySet().stream().filter(entry -> entry.getValue().equals(host))
                .map(entry -> Long.valueOf(entry.getKey())).sorted().toList();
    }
}
