package io.lifeboat;

import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestCassandra;
import io.lifeboat.testing.TestProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CQL driver's local data centre on a node in {@code dc-east}: asked of the nodes when the cluster file names
 * none, taken from the file when it does, and a failure in one line when it is wrong or nobody can tell.
 */
@ExtendWith(TestCassandra.class)
class CassandraDatacenterIT {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    Path scratch;

    private String keyspace;

    @BeforeEach
    void createKeyspace() {
        keyspace = "placed_" + NEXT.incrementAndGet();
        TestCassandra.session().execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'NetworkTopologyStrategy', '"
                + TestCassandra.LOCAL_DATACENTER + "': 1}");
        TestCassandra.session().execute("CREATE TABLE " + keyspace + ".readings (id int PRIMARY KEY, value text)");
        TestCassandra.session().execute("INSERT INTO " + keyspace + ".readings (id, value) VALUES (1, 'one')");
    }

    @AfterEach
    void dropKeyspace() {
        TestCassandra.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
    }

    @Test
    void asksTheNodeForItsDataCentreWhenTheFileNamesNone() throws IOException {
        assertBacksUp(clusterFile("", TestCassandra.jmxPort()));
    }

    @Test
    void usesTheDataCentreTheFileNames() throws IOException {
        assertBacksUp(clusterFile("datacenter: " + TestCassandra.LOCAL_DATACENTER + "\n", TestCassandra.jmxPort()));
    }

    @Test
    void refusesADataCentreWithoutNodesInOneLine() throws Exception {
        Outcome backup = launch(clusterFile("datacenter: nowhere\n", TestCassandra.jmxPort()), parameters("nowhere"));

        assertEquals(1, backup.exitCode(), backup.toString());
        List<String> lines = backup.err().lines().toList();
        assertEquals(1, lines.size(), backup.toString());
        assertTrue(lines.get(0).contains("data centre nowhere has no Cassandra node (the cluster's nodes are in "
                + TestCassandra.LOCAL_DATACENTER + ")"), backup.toString());
    }

    @Test
    void namesTheNodeAndWhyWhenNoneCanTellItsDataCentre() throws Exception {
        int closedPort = TestProcesses.freePorts(1)[0];

        Outcome backup = launch(clusterFile("", closedPort), parameters("unasked"));

        assertEquals(1, backup.exitCode(), backup.toString());
        List<String> lines = backup.err().lines().toList();
        assertEquals(1, lines.size(), backup.toString());
        assertTrue(lines.get(0).contains("no node answered (node 0: cannot reach JMX at " + TestCassandra.host() + ":" + closedPort
                + ": ConnectException: Connection refused)"), backup.toString());
    }

    /** The launcher's whole stderr, libraries' logging included, is what an operator reads. */
    private Outcome launch(Path clusterFile, Map<String, String> parameters) throws IOException, InterruptedException {
        return LauncherProcess.run("", parameters, scratch, List.of("plan", "start", "backup-local", "--cluster", clusterFile.toString()));
    }

    private void assertBacksUp(Path clusterFile) throws IOException {
        Map<String, String> parameters = parameters("placed");

        Outcome backup = LifeboatCommand.plan("backup-local", clusterFile, parameters);

        assertEquals(0, backup.exitCode(), backup.toString());
        String schema = new String(StoreFixture.LOCAL.read(parameters, "placed/schema.cql"));
        assertTrue(schema.contains("'" + TestCassandra.LOCAL_DATACENTER + "': '1'"), schema);
    }

    private Map<String, String> parameters(String snapshot) throws IOException {
        return StoreFixture.LOCAL.planParameters(scratch, snapshot, "KEYSPACES", keyspace);
    }

    /** A cluster file of the test node, with {@code clusterKeys} at the top level. */
    private Path clusterFile(String clusterKeys, int jmxPort) throws IOException {
        return Files.writeString(scratch.resolve("cluster.yaml"), "name: placed\ntype: cassandra\n" + clusterKeys + "nodes:\n"
                + "  - index: 0\n    host: " + TestCassandra.host() + "\n    jmxPort: " + jmxPort + "\n    cqlPort: "
                + TestCassandra.cqlPort() + "\n    dataDirs: [" + TestCassandra.dataDirectory() + "]\n");
    }
}
