package io.lifeboat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lifeboat.testing.AgentProcess;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestCassandra;
import io.lifeboat.testing.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backups and restores of a live Apache Cassandra 5.0.6 node in a named data centre, from the command line, through
 * S3Mock, Azurite and a directory.
 */
@ExtendWith({TestServers.class, TestCassandra.class})
class CassandraIT {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final int ROWS = 300;

    @TempDir
    Path scratch;

    private String shop;
    private String metrics;
    private Path clusterFile;

    @BeforeEach
    void createKeyspaces() throws IOException {
        int n = NEXT.incrementAndGet();
        shop = "shop_" + n;
        metrics = "metrics_" + n;
        CqlSession cql = TestCassandra.session();
        for (String keyspace : List.of(shop, metrics)) {
            cql.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'NetworkTopologyStrategy', '"
                    + TestCassandra.LOCAL_DATACENTER + "': 1}");
        }
        cql.execute("CREATE TYPE " + shop + ".address (street text, city text)");
        cql.execute("CREATE TABLE " + shop + ".orders (id int PRIMARY KEY, customer text, total decimal, shipping frozen<address>)");
        cql.execute("CREATE INDEX orders_by_customer ON " + shop + ".orders (customer)");
        cql.execute("CREATE TABLE " + metrics + ".events (source text, at int, value double, PRIMARY KEY (source, at))");
        for (int i = 0; i < ROWS; i++) {
            cql.execute("INSERT INTO " + shop + ".orders (id, customer, total, shipping) VALUES (?, ?, ?, {street: ?, city: 'Lyon'})",
                    i, "customer-" + i % 17, new java.math.BigDecimal(i + ".50"), "rue " + i);
            cql.execute("INSERT INTO " + metrics + ".events (source, at, value) VALUES (?, ?, ?)", "sensor-" + i % 5, i, i * 0.25);
        }
        clusterFile = clusterFile("live", TestCassandra.host(), TestCassandra.jmxPort(), TestCassandra.cqlPort(), TestCassandra.dataDirectory());
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = {"S3", "AZURE"})
    void restoresEveryRowIntoAFreshNode(StoreFixture store) throws Exception {
        List<String> shopRows = rows(TestCassandra.session(), shop + ".orders");
        List<String> metricRows = rows(TestCassandra.session(), metrics + ".events");
        TestCassandra.NodeAddress fresh = TestCassandra.freshNode();
        Path freshCluster = clusterFile("fresh", fresh.host(), fresh.jmxPort(), fresh.cqlPort(), fresh.dataDirectory());
        Map<String, String> parameters = parameters(store, "to-fresh-" + store.label(), "KEYSPACES", shop + " " + metrics);

        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), clusterFile, parameters));
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), freshCluster, parameters));

        assertEquals(shopRows, rows(fresh.session(), shop + ".orders"));
        assertEquals(metricRows, rows(fresh.session(), metrics + ".events"));
        assertEquals(ROWS, shopRows.size());
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = {"S3", "LOCAL"})
    void restoresEveryRowAfterTheKeyspacesAreDropped(StoreFixture store) throws Exception {
        List<String> shopRows = rows(shop + ".orders");
        List<String> metricRows = rows(metrics + ".events");
        Map<String, String> parameters = parameters(store, "live-" + store.label(), "KEYSPACES", shop + " " + metrics);

        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), clusterFile, parameters));
        String manifest = new String(store.read(parameters, "live-" + store.label() + "/manifest.json"));
        String schema = new String(store.read(parameters, "live-" + store.label() + "/schema.cql"));
        assertTrue(manifest.contains("\"clusterType\" : \"cassandra\"") && manifest.contains("\"schema\" : {"), manifest);
        assertTrue(schema.contains("CREATE TYPE " + shop + ".address") && schema.contains("CREATE INDEX orders_by_customer"), schema);
        assertEquals(List.of(), lifeboatSnapshotsOnTheNode(), "the snapshot is cleared after the backup");

        drop(shop, metrics);
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), clusterFile, parameters));

        assertEquals(shopRows, rows(shop + ".orders"));
        assertEquals(metricRows, rows(metrics + ".events"));
        assertEquals(ROWS, shopRows.size());
        assertEquals(IntStream.range(0, ROWS).filter(i -> i % 17 == 3).count(),
                (long) TestCassandra.session().execute("SELECT id FROM " + shop + ".orders WHERE customer = 'customer-3'").all().size(),
                "the secondary index answers");
        assertEquals(List.of(), stagingOnTheNode());
    }

    @Test
    void refusesToRestoreOverAnExistingKeyspaceAndChangesNothing() throws Exception {
        Map<String, String> parameters = parameters(StoreFixture.LOCAL, "exists", "KEYSPACES", shop + " " + metrics);
        assertSucceeds(LifeboatCommand.plan("backup-local", clusterFile, parameters));
        drop(metrics);
        TestCassandra.session().execute("INSERT INTO " + shop + ".orders (id, customer) VALUES (100000, 'after the backup')");
        List<String> before = rows(shop + ".orders");

        Outcome restore = LifeboatCommand.plan("restore-local", clusterFile, parameters);

        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.err().contains("node 0: keyspace " + shop + " already exists"), restore.toString());
        assertEquals(before, rows(shop + ".orders"));
        assertFalse(keyspaceExists(metrics), "nothing was created");
    }

    @Test
    void backsUpAndRestoresOnlyTheKeyspacesAsked() throws Exception {
        Map<String, String> parameters = parameters(StoreFixture.S3, "subset", "KEYSPACES", metrics);
        List<String> metricRows = rows(metrics + ".events");

        assertSucceeds(LifeboatCommand.plan("backup-s3", clusterFile, parameters));
        String manifest = new String(StoreFixture.S3.read(parameters, "subset/manifest.json"));
        assertTrue(manifest.contains("\"keyspaces\" : [ \"" + metrics + "\" ]"), manifest);
        assertFalse(new String(StoreFixture.S3.read(parameters, "subset/schema.cql")).contains(shop));
        drop(metrics);
        assertSucceeds(LifeboatCommand.plan("restore-s3", clusterFile, parameters));

        assertEquals(metricRows, rows(metrics + ".events"));
    }

    @Test
    void clearsTheSnapshotWhenTheBackupFails() throws Exception {
        Map<String, String> parameters = parameters(StoreFixture.LOCAL, "blocked", "KEYSPACES", shop);
        Files.createDirectories(Path.of(parameters.get("BACKUP_DIR")).resolve("blocked/node-0.tar.gz/in-the-way"));

        Outcome backup = LifeboatCommand.plan("backup-local", clusterFile, parameters);

        assertEquals(1, backup.exitCode(), backup.toString());
        assertTrue(backup.err().contains("node 0"), backup.toString());
        assertEquals(List.of(), lifeboatSnapshotsOnTheNode(), "the snapshot is cleared after a failure too");
        assertFalse(Files.exists(Path.of(parameters.get("BACKUP_DIR")).resolve("blocked/manifest.json")));
    }

    @Test
    void backsUpAndRestoresANodeThroughItsAgentWhileTheCoordinatorSeesNoneOfItsData() throws Exception {
        String agentHost = "127.0.0.2";
        String agentUrl = "http://" + agentHost + ":" + TestServers.freePort(agentHost);
        Path agentCluster = Files.writeString(scratch.resolve("agent.yaml"), Files.readString(clusterFile) + "    agent: " + agentUrl + "\n");
        Path logs = Files.createDirectories(scratch.resolve("logs"));
        List<String> shopRows = rows(shop + ".orders");
        Map<String, String> environment = new HashMap<>(parameters(StoreFixture.S3, "through-agent", "KEYSPACES", shop));
        environment.put("LIFEBOAT_AGENT_TOKEN", "cassandra-agent-token");

        try (AgentProcess agent = AgentProcess.start(agentCluster, 0, agentUrl, Map.of("LIFEBOAT_AGENT_TOKEN", "cassandra-agent-token"), logs)) {
            // The coordinator reaches the node's CQL only: its data directory is an empty folder in the coordinator's eyes.
            Outcome backup = LauncherProcess.runWithout(TestCassandra.dataDirectory(), "", environment, logs,
                    List.of("plan", "start", "backup-s3", "--cluster", agentCluster.toString()));
            assertSucceeds(backup);
            assertTrue(new String(StoreFixture.S3.read(environment, "through-agent/node-0.files.jsonl.gz")).length() > 0);
            assertEquals(List.of(), lifeboatSnapshotsOnTheNode(), "the agent cleared the snapshot");
            drop(shop);

            Outcome restore = LauncherProcess.runWithout(TestCassandra.dataDirectory(), "", environment, logs,
                    List.of("plan", "start", "restore-s3", "--cluster", agentCluster.toString()));

            assertSucceeds(restore);
            assertEquals(shopRows, rows(shop + ".orders"));
            assertEquals(List.of(), stagingOnTheNode());
        }
    }

    private Path clusterFile(String name, String host, int jmxPort, int cqlPort, Path dataDirectory) throws IOException {
        return Files.writeString(scratch.resolve(name + ".yaml"), "name: " + name + "\ntype: cassandra\nnodes:\n  - index: 0\n"
                + "    host: " + host + "\n    jmxPort: " + jmxPort + "\n    cqlPort: " + cqlPort + "\n    dataDirs: [" + dataDirectory + "]\n");
    }

    private Map<String, String> parameters(StoreFixture store, String snapshot, String... extra) throws IOException {
        return store.planParameters(scratch, snapshot, extra);
    }

    private static List<String> rows(String table) {
        return rows(TestCassandra.session(), table);
    }

    private static List<String> rows(CqlSession session, String table) {
        List<String> rows = new ArrayList<>();
        for (Row row : session.execute("SELECT * FROM " + table)) {
            rows.add(row.getFormattedContents());
        }
        rows.sort(null);
        return rows;
    }

    private static void drop(String... keyspaces) {
        for (String keyspace : keyspaces) {
            TestCassandra.session().execute("DROP KEYSPACE " + keyspace);
        }
    }

    private static boolean keyspaceExists(String keyspace) {
        return TestCassandra.session().execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace).one() != null;
    }

    private static List<Path> lifeboatSnapshotsOnTheNode() throws IOException {
        try (Stream<Path> paths = Files.walk(TestCassandra.dataDirectory())) {
            return paths.filter(path -> path.getFileName().toString().startsWith("lifeboat-")
                    && path.getParent().getFileName().toString().equals("snapshots")).toList();
        }
    }

    private static List<Path> stagingOnTheNode() throws IOException {
        try (Stream<Path> paths = Files.list(TestCassandra.dataDirectory())) {
            return paths.filter(path -> path.getFileName().toString().startsWith(".lifeboat-")).toList();
        }
    }

    private static void assertSucceeds(Outcome outcome) {
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("COMPLETE"), outcome.toString());
    }
}
