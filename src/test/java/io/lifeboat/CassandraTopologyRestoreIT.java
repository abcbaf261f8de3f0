package io.lifeboat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lifeboat.testing.AgentProcess;
import io.lifeboat.testing.Eventually;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.TestCassandraCluster;
import io.lifeboat.testing.TestCassandraCluster.Spec;
import io.lifeboat.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restores of a three-node Cassandra 5.0.6 cluster (16 vnodes a node; keyspaces with replication factors 2 and 1, a
 * user type and an index) into other rings: a fresh cluster with its own tokens, fewer nodes in another data centre
 * through their agents, more nodes, a cluster built on the tokens Lifeboat printed, in place, one table, and under
 * other names. Every row is compared at consistency ALL, and the pre-flight says which path each keyspace takes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraTopologyRestoreIT {

    private static final int ORDERS = 1200;
    private static final int USERS = 400;
    private static final int EVENTS = 1500;
    private static final String SNAPSHOT = "ring-1";
    private static final Pattern TOKEN_LINE = Pattern.compile("(?m)^initial_token: (.+)$");

    private static TestCassandraCluster source;
    private static TestCassandraCluster fresh;
    @TempDir
    static Path scratch;
    private static Path sourceFile;
    private static Map<String, String> store;
    private static Map<String, List<String>> rowsBefore;

    @BeforeAll
    static void backUpTheSourceCluster() throws Exception {
        source = TestCassandraCluster.start(Spec.of("topology-source", List.of("127.0.2.1", "127.0.2.2", "127.0.2.3")));
        createSchemaAndRows(source);
        sourceFile = source.writeClusterFile(scratch.resolve("source.yaml"), "source");
        store = Map.of("BACKUP_DIR", Files.createDirectories(scratch.resolve("backups")).toString());
        rowsBefore = rows(source.session(), "shop", "metrics");
        assertSucceeds(LifeboatCommand.plan("backup-local", sourceFile, parameters(SNAPSHOT)));
    }

    @AfterAll
    static void stopClusters() {
        for (TestCassandraCluster cluster : new TestCassandraCluster[] {fresh, source}) {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    @Order(1)
    void recordsTheRingInTheManifest() throws IOException {
        String manifest = Files.readString(Path.of(store.get("BACKUP_DIR"), SNAPSHOT, "manifest.json"));

        assertTrue(manifest.contains("\"formatVersion\" : 4"), manifest);
        for (TestCassandraCluster.Node node : source.nodes()) {
            assertTrue(manifest.contains("\"address\" : \"" + node.host() + "\""), manifest);
            assertTrue(manifest.contains("\"" + node.tokens().get(0) + "\""), manifest);
        }
        assertTrue(manifest.contains("\"shop\" : [ \"orders\", \"users\" ]"), manifest);
    }

    @Test
    @Order(2)
    void streamsIntoAFreshClusterWithTokensOfItsOwn() throws Exception {
        fresh = TestCassandraCluster.start(Spec.of("topology-fresh", List.of("127.0.2.11", "127.0.2.12", "127.0.2.13")));
        Path target = fresh.writeClusterFile(scratch.resolve("fresh.yaml"), "fresh");

        Outcome restore = LifeboatCommand.plan("restore-local", target, parameters(SNAPSHOT));

        assertRestored("new cluster, other tokens", restore);
        assertTrue(restore.out().contains("shop: streaming"), restore.out());
        assertTrue(restore.out().contains("metrics: streaming"), restore.out());
        assertEquals(rowsBefore, rows(fresh.session(), "shop", "metrics"));
        assertIndexAnswers(fresh.session(), "shop");
    }

    @Test
    @Order(3)
    void aTargetNodeKilledMidStreamFailsInOneLineDropsWhatItMadeAndARerunRestores() throws Exception {
        drop(fresh.session(), "shop", "metrics");
        Map<String, String> slow = Map.of("LIFEBOAT_CASSANDRA_STREAM_THROUGHPUT", "64KiB");
        Path target = scratch.resolve("fresh.yaml");
        CompletableFuture<Outcome> restore = CompletableFuture.supplyAsync(() -> LifeboatCommand.run(slow, words("restore-local", target)));
        int victim = 1;
        Eventually.await(Duration.ofSeconds(120), "a stream into node " + victim,
                () -> restore.isDone() || !fresh.<Set<?>>jmxAttribute(victim, STREAM_MANAGER, "CurrentStreams").isEmpty());
        fresh.kill(victim);

        Outcome failed = restore.get();

        assertEquals(1, failed.exitCode(), failed.toString());
        assertEquals(1, failed.err().strip().lines().count(), failed.toString());
        assertTrue(failed.err().contains("nothing was restored"), failed.toString());
        assertFalse(failed.err().contains("Exception"), failed.toString());
        assertTrue(fresh.session().execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name IN ('shop', 'metrics')")
                .all().isEmpty(), "the keyspaces made are dropped");
        fresh.restart(victim);

        assertSucceeds(LifeboatCommand.plan("restore-local", target, parameters(SNAPSHOT)));
        assertEquals(rowsBefore, rows(fresh.session(), "shop", "metrics"));
    }

    @Test
    @Order(4)
    void streamsTheRepairedSSTablesOfEachRangeFromOneReplicaOnly() throws Exception {
        for (int node = 0; node < source.nodes().size(); node++) {
            source.nodetool(node, "repair", "shop");
        }
        for (int node = 0; node < source.nodes().size(); node++) {
            int index = node;
            for (String table : List.of("orders", "users")) {
                // Incremental repair marks the SSTables it repaired in the background once every replica agreed.
                Eventually.await(Duration.ofSeconds(60), "shop." + table + " repaired on node " + index,
                        () -> ((Number) source.jmxAttribute(index, PERCENT_REPAIRED + table, "Value")).doubleValue() >= 100.0);
            }
        }
        assertSucceeds(LifeboatCommand.plan("backup-local", sourceFile, parameters("ring-repaired", "KEYSPACES", "shop")));
        Path target = scratch.resolve("fresh.yaml");
        drop(fresh.session(), "shop");
        Outcome unrepaired = LifeboatCommand.plan("restore-local", target, parameters(SNAPSHOT, "KEYSPACES", "shop"));
        assertRestored("shop only, before repair", unrepaired);
        drop(fresh.session(), "shop");

        Outcome repaired = LifeboatCommand.plan("restore-local", target, parameters("ring-repaired", "KEYSPACES", "shop"));

        assertRestored("shop only, after repair", repaired);
        assertEquals(rowsBefore.get("shop.orders"), rows(fresh.session(), "shop.orders"));
        assertEquals(rowsBefore.get("shop.users"), rows(fresh.session(), "shop.users"));
        assertIndexAnswers(fresh.session(), "shop");
        // Replication factor 2 into 2: each backed-up replica sends its rows to both owners (4 copies) unless they are
        // repaired, when one replica's copy to both owners is enough (2 copies).
        double ratio = (double) bytesSent(repaired) / bytesSent(unrepaired);
        assertTrue(ratio < 0.65, "repaired restore sent " + bytesSent(repaired) + " bytes, unrepaired " + bytesSent(unrepaired)
                + "\n" + repaired.out());
    }

    @Test
    @Order(5)
    void streamsIntoMoreNodes() throws Exception {
        fresh.close();
        fresh = TestCassandraCluster.start(Spec.of("topology-five", List.of("127.0.2.21", "127.0.2.22", "127.0.2.23", "127.0.2.24",
                "127.0.2.25")));
        Path target = fresh.writeClusterFile(scratch.resolve("five.yaml"), "five");

        Outcome restore = LifeboatCommand.plan("restore-local", target, parameters(SNAPSHOT));

        assertRestored("more nodes (3 -> 5)", restore);
        assertTrue(restore.out().contains("node 3 stages nothing"), restore.out());
        assertEquals(rowsBefore, rows(fresh.session(), "shop", "metrics"));
    }

    @Test
    @Order(6)
    void streamsIntoTwoNodesOfAnotherDataCentreThroughTheirAgents() throws Exception {
        fresh.close();
        fresh = TestCassandraCluster.start(Spec.of("topology-west", List.of("127.0.2.31", "127.0.2.32")).withDatacenter("dc-west"));
        Path target = withAgents(fresh.writeClusterFile(scratch.resolve("west.yaml"), "west"), List.of("127.0.2.31", "127.0.2.32"));
        Map<String, String> environment = new HashMap<>(parameters(SNAPSHOT, "DATACENTERS", "dc-east=dc-west"));
        environment.put("LIFEBOAT_AGENT_TOKEN", "west-token");
        Path logs = Files.createDirectories(scratch.resolve("west-logs"));

        try (AgentProcess first = AgentProcess.start(target, 0, agentUrl(target, 0), Map.of("LIFEBOAT_AGENT_TOKEN", "west-token"), logs);
             AgentProcess second = AgentProcess.start(target, 1, agentUrl(target, 1), Map.of("LIFEBOAT_AGENT_TOKEN", "west-token"), logs)) {
            Outcome restore = LifeboatCommand.run(environment, words("restore-local", target));

            assertRestored("fewer nodes (3 -> 2), other data centre, agents", restore);
            assertTrue(restore.out().contains("shop: streaming"), restore.out());
        }
        assertEquals(rowsBefore, rows(fresh.session(), "shop", "metrics"));
        Row replication = fresh.session().execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'shop'").one();
        assertEquals("2", replication.getMap("replication", String.class, String.class).get("dc-west"));
    }

    @Test
    @Order(7)
    void importsIntoANewClusterBuiltOnTheTokensLifeboatPrinted() throws Exception {
        fresh.close();
        fresh = null;
        Outcome tokens = LifeboatCommand.run(Map.of(), "snapshots", "tokens", "local", "-p", "SNAPSHOT_NAME=" + SNAPSHOT,
                "-p", "BACKUP_DIR=" + store.get("BACKUP_DIR"));
        assertEquals(0, tokens.exitCode(), tokens.toString());
        List<List<Long>> initialTokens = new ArrayList<>();
        Matcher line = TOKEN_LINE.matcher(tokens.out());
        while (line.find()) {
            initialTokens.add(Arrays.stream(line.group(1).split(",")).map(Long::valueOf).toList());
        }
        assertEquals(source.nodes().stream().map(TestCassandraCluster.Node::tokens).toList(), initialTokens.stream()
                .map(list -> list.stream().sorted().toList()).toList());
        fresh = TestCassandraCluster.start(Spec.of("topology-same", List.of("127.0.2.41", "127.0.2.42", "127.0.2.43"))
                .withInitialTokens(initialTokens));

        Outcome restore = LifeboatCommand.plan("restore-local", fresh.writeClusterFile(scratch.resolve("same.yaml"), "same"),
                parameters(SNAPSHOT));

        assertRestored("new cluster, same tokens", restore);
        assertTrue(restore.out().contains("shop: import"), restore.out());
        assertTrue(restore.out().contains("metrics: import"), restore.out());
        assertEquals(rowsBefore, rows(fresh.session(), "shop", "metrics"));
        fresh.close();
        fresh = null;
    }

    @Test
    @Order(8)
    void importsInPlaceOnceTheKeyspacesAreDropped() {
        drop(source.session(), "shop", "metrics");

        Outcome restore = LifeboatCommand.plan("restore-local", sourceFile, parameters(SNAPSHOT));

        assertRestored("in place", restore);
        assertTrue(restore.out().contains("shop: import"), restore.out());
        assertEquals(rowsBefore, rows(source.session(), "shop", "metrics"));
        assertIndexAnswers(source.session(), "shop");
    }

    @Test
    @Order(9)
    void backsUpAndRestoresOneTableIntoItsLiveKeyspace() {
        assertSucceeds(LifeboatCommand.plan("backup-local", sourceFile, parameters("one-table", "KEYSPACES", "shop.users")));
        source.session().execute("DROP TABLE shop.users");
        source.session().execute("INSERT INTO shop.orders (id, customer) VALUES (999999, 'after the backup')");
        List<String> orders = rows(source.session(), "shop.orders");

        Outcome restore = LifeboatCommand.plan("restore-local", sourceFile, parameters("one-table", "KEYSPACES", "shop.users"));

        assertRestored("one table", restore);
        assertEquals(rowsBefore.get("shop.users"), rows(source.session(), "shop.users"));
        assertEquals(orders, rows(source.session(), "shop.orders"), "the rest of the keyspace is untouched");
        Outcome again = LifeboatCommand.plan("restore-local", sourceFile, parameters("one-table", "KEYSPACES", "shop.users"));
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("table shop.users already exists"), again.toString());
    }

    @Test
    @Order(10)
    void restoresUnderOtherNamesBesideTheLiveData() {
        List<String> liveEvents = rows(source.session(), "metrics.events");

        Outcome restore = LifeboatCommand.plan("restore-local", sourceFile, parameters(SNAPSHOT, "KEYSPACES", "shop metrics.events",
                "RENAME", "shop=shop_copy metrics.events=metrics.events_old"));

        assertRestored("renamed, beside the live data", restore);
        assertEquals(rowsBefore.get("shop.orders"), rows(source.session(), "shop_copy.orders"));
        assertEquals(rowsBefore.get("shop.users"), rows(source.session(), "shop_copy.users"));
        assertEquals(rowsBefore.get("metrics.events"), rows(source.session(), "metrics.events_old"));
        assertEquals(liveEvents, rows(source.session(), "metrics.events"), "the live table is untouched");
        assertIndexAnswers(source.session(), "shop_copy");
        Outcome again = LifeboatCommand.plan("restore-local", sourceFile, parameters(SNAPSHOT, "KEYSPACES", "shop", "RENAME", "shop=shop_copy"));
        assertTrue(again.err().contains("keyspace shop_copy already exists"), again.toString());
    }

    private static final String STREAM_MANAGER = "org.apache.cassandra.net:type=StreamManager";
    private static final String PERCENT_REPAIRED = "org.apache.cassandra.metrics:type=Table,keyspace=shop,name=PercentRepaired,scope=";
    private static final Pattern SENT = Pattern.compile("\\(([\\d.]+) (B|kB|MB|GB) sent");

    /** The bytes every node's streaming said it sent, from the run's notes (decimal units, one decimal place). */
    private static long bytesSent(Outcome outcome) {
        Matcher sent = SENT.matcher(outcome.out());
        double total = 0;
        while (sent.find()) {
            int power = List.of("B", "kB", "MB", "GB").indexOf(sent.group(2));
            total += Double.parseDouble(sent.group(1)) * Math.pow(1000, power);
        }
        assertTrue(total > 0, "no bytes sent in\n" + outcome.out());
        return (long) total;
    }

    private static void createSchemaAndRows(TestCassandraCluster cluster) {
        CqlSession cql = cluster.session();
        cql.execute("CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc-east': 2}");
        cql.execute("CREATE KEYSPACE metrics WITH replication = {'class': 'NetworkTopologyStrategy', 'dc-east': 1}");
        cql.execute("CREATE TYPE shop.address (street text, city text)");
        cql.execute("CREATE TABLE shop.orders (id int PRIMARY KEY, customer text, total decimal, shipping frozen<address>)");
        cql.execute("CREATE INDEX orders_by_customer ON shop.orders (customer)");
        cql.execute("CREATE TABLE shop.users (id int PRIMARY KEY, name text, email text)");
        cql.execute("CREATE TABLE metrics.events (source text, at int, value double, PRIMARY KEY (source, at))");
        cluster.awaitSchemaAgreement();
        PreparedStatement order = cql.prepare("INSERT INTO shop.orders (id, customer, total, shipping) VALUES (?, ?, ?, {street: ?, city: 'Lyon'})");
        PreparedStatement user = cql.prepare("INSERT INTO shop.users (id, name, email) VALUES (?, ?, ?)");
        PreparedStatement event = cql.prepare("INSERT INTO metrics.events (source, at, value) VALUES (?, ?, ?)");
        List<CompletionStage<?>> writes = new ArrayList<>();
        for (int i = 0; i < Math.max(ORDERS, EVENTS); i++) {
            if (i < ORDERS) {
                writes.add(cql.executeAsync(order.bind(i, "customer-" + i % 17, new BigDecimal(i + ".50"), "rue " + i)));
            }
            if (i < USERS) {
                writes.add(cql.executeAsync(user.bind(i, "user " + i, "user" + i + "@example.com")));
            }
            if (i < EVENTS) {
                writes.add(cql.executeAsync(event.bind("sensor-" + i % 40, i, i * 0.25)));
            }
            if (writes.size() >= 64) {
                writes.forEach(write -> write.toCompletableFuture().join());
                writes.clear();
            }
        }
        writes.forEach(write -> write.toCompletableFuture().join());
    }

    /** Every table's rows, read at consistency ALL (the session's), each row as text, sorted. */
    private static Map<String, List<String>> rows(CqlSession cql, String... keyspaces) {
        Map<String, List<String>> rows = new HashMap<>();
        for (String keyspace : keyspaces) {
            for (Row table : cql.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)) {
                String name = keyspace + "." + table.getString("table_name");
                rows.put(name, rows(cql, name));
            }
        }
        return rows;
    }

    private static List<String> rows(CqlSession cql, String table) {
        List<String> rows = new ArrayList<>();
        for (Row row : cql.execute("SELECT * FROM " + table)) {
            rows.add(row.getFormattedContents());
        }
        rows.sort(null);
        return rows;
    }

    private static void assertIndexAnswers(CqlSession cql, String keyspace) {
        assertEquals((ORDERS + 16 - 3) / 17, cql.execute("SELECT id FROM " + keyspace + ".orders WHERE customer = 'customer-3'").all().size(),
                "the secondary index answers");
    }

    private static void drop(CqlSession cql, String... keyspaces) {
        for (String keyspace : keyspaces) {
            cql.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        }
    }

    private static Path withAgents(Path clusterFile, List<String> hosts) throws IOException {
        StringBuilder yaml = new StringBuilder();
        int node = 0;
        for (String line : Files.readAllLines(clusterFile)) {
            yaml.append(line).append('\n');
            if (line.strip().startsWith("dataDirs:")) {
                String host = hosts.get(node++);
                yaml.append("    agent: http://").append(host).append(':').append(TestServers.freePort(host)).append('\n');
            }
        }
        return Files.writeString(clusterFile, yaml);
    }

    private static String agentUrl(Path clusterFile, int node) throws IOException {
        return Files.readAllLines(clusterFile).stream().filter(line -> line.strip().startsWith("agent:")).skip(node).findFirst().orElseThrow()
                .strip().substring("agent:".length()).strip();
    }

    private static Map<String, String> parameters(String snapshot, String... extra) {
        Map<String, String> parameters = new HashMap<>(store);
        parameters.put("SNAPSHOT_NAME", snapshot);
        for (int i = 0; i < extra.length; i += 2) {
            parameters.put(extra[i], extra[i + 1]);
        }
        return parameters;
    }

    private static String[] words(String plan, Path cluster, String... extra) {
        List<String> words = new ArrayList<>(List.of("plan", "start", plan, "--cluster", cluster.toString()));
        parameters(SNAPSHOT, extra).forEach((name, value) -> {
            words.add("-p");
            words.add(name + "=" + value);
        });
        return words.toArray(String[]::new);
    }

    /** Asserts success and says on the test's output what the restore took: its paths, time and bytes sent. */
    private static void assertRestored(String scenario, Outcome outcome) {
        assertSucceeds(outcome);
        List<String> paths = outcome.out().lines().filter(line -> line.matches("\\s+\\S.*: (import|streaming).*"))
                .map(line -> line.strip().replaceFirst(": (import|streaming)[^:]*:.*", ": $1")).toList();
        String done = outcome.out().lines().filter(line -> line.contains(": COMPLETE: ")).reduce((first, last) -> last).orElse("");
        Matcher took = Pattern.compile(" in ([\\d.]+ s)").matcher(done);
        System.out.printf("[restore] %s | %s | %s | %d bytes sent%n", scenario, String.join(", ", paths), took.find() ? took.group(1) : "?",
                outcome.out().contains(" sent in ") ? bytesSent(outcome) : 0);
    }

    private static void assertSucceeds(Outcome outcome) {
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("COMPLETE"), outcome.toString());
    }
}
