package io.lifeboat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the node started by {@link TestCassandra} answers CQL and local JMX, and pins down the
 * JMX operations a backup and restore rely on: snapshot, import, clear, called by name and signature
 * with no Cassandra class on this side.
 */
@ExtendWith(TestCassandra.class)
class CassandraSmokeIT {

    private static final ObjectName STORAGE_SERVICE = objectName("org.apache.cassandra.db:type=StorageService");
    private static final String[] TAKE_SNAPSHOT = {"java.lang.String", "java.util.Map", "[Ljava.lang.String;"};
    private static final String[] CLEAR_SNAPSHOT = {"java.util.Map", "java.lang.String", "[Ljava.lang.String;"};
    /** The ten-argument form that {@code nodetool import} calls in 5.0. */
    private static final String[] IMPORT_NEW_SSTABLES = {"java.util.Set", "boolean", "boolean", "boolean",
        "boolean", "boolean", "boolean", "boolean", "boolean", "boolean"};

    @Test
    void answersCql() {
        CqlSession session = TestCassandra.session();
        Row local = session.execute("SELECT release_version, data_center FROM system.local").one();
        assertEquals("5.0.6", local.getString("release_version"));
        assertEquals(TestCassandra.LOCAL_DATACENTER, local.getString("data_center"));
        List<String> keyspaces = session.execute("SELECT keyspace_name FROM system_schema.keyspaces").all()
                .stream().map(row -> row.getString("keyspace_name")).toList();
        assertTrue(keyspaces.contains("system_schema"), keyspaces.toString());
    }

    @Test
    void answersJmxOnLoopback() throws Exception {
        assertEquals("127.0.0.1", TestCassandra.host());
        try (JMXConnector connector = jmx()) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            assertEquals("5.0.6", server.getAttribute(STORAGE_SERVICE, "ReleaseVersion"));
            assertEquals("NORMAL", server.getAttribute(STORAGE_SERVICE, "OperationMode"));
            assertEquals(TestCassandra.LOCAL_DATACENTER,
                    server.getAttribute(objectName("org.apache.cassandra.db:type=EndpointSnitchInfo"), "Datacenter"));
            @SuppressWarnings("unchecked")
            List<String> keyspaces = (List<String>) server.getAttribute(STORAGE_SERVICE, "Keyspaces");
            assertTrue(keyspaces.contains("system"), keyspaces.toString());
        }
    }

    /** Snapshot, copy the files away, drop, recreate from DESCRIBE, import, read back: a restore in small. */
    @Test
    void snapshotThenImportRestoresRows(@TempDir Path staging) throws Exception {
        CqlSession session = TestCassandra.session();
        session.execute("CREATE KEYSPACE smoke WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TYPE smoke.address (street text, city text)");
        session.execute("CREATE TABLE smoke.orders (id int, line int, item text, ship frozen<address>, "
                + "PRIMARY KEY (id, line))");
        session.execute("CREATE INDEX orders_item ON smoke.orders (item)");
        for (int id = 0; id < 20; id++) {
            session.execute("INSERT INTO smoke.orders (id, line, item, ship) VALUES (?, 1, ?, {street: 'Main', city: 'X'})",
                    id, "item" + id);
        }
        List<String> schema = session.execute("DESCRIBE KEYSPACE smoke").all().stream()
                .map(row -> row.getString("create_statement")).toList();
        UUID tableId = session.execute("SELECT id FROM system_schema.tables "
                + "WHERE keyspace_name = 'smoke' AND table_name = 'orders'").one().getUuid("id");

        try (JMXConnector connector = jmx()) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            // Flushes the memtables first unless the options say {skipFlush: true}.
            server.invoke(STORAGE_SERVICE, "takeSnapshot",
                    new Object[] {"smoke-tag", Map.of(), new String[] {"smoke"}}, TAKE_SNAPSHOT);
            Path snapshot = TestCassandra.dataDirectory()
                    .resolve("smoke/orders-" + tableId.toString().replace("-", "") + "/snapshots/smoke-tag");
            assertTrue(Files.isRegularFile(snapshot.resolve("manifest.json")), snapshot.toString());
            assertTrue(Files.readString(snapshot.resolve("schema.cql")).contains("CREATE TABLE IF NOT EXISTS smoke.orders"));

            // Import reads keyspace and table from the two last directory names, which must be plain words.
            Path source = Files.createDirectories(staging.resolve("smoke/orders"));
            try (Stream<Path> files = Files.list(snapshot)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, source.resolve(file.getFileName()));
                }
            }
            session.execute("DROP KEYSPACE smoke");
            for (String statement : schema) {
                session.execute(statement);
            }
            assertEquals(0, count(session, "SELECT count(*) FROM smoke.orders"));

            Object failed = server.invoke(objectName("org.apache.cassandra.db:type=Tables,keyspace=smoke,table=orders"),
                    "importNewSSTables",
                    new Object[] {Set.of(source.toString()), true, true, true, true, true, false, false, false, true},
                    IMPORT_NEW_SSTABLES);
            assertEquals(List.of(), failed);
            assertEquals(20, count(session, "SELECT count(*) FROM smoke.orders"));
            Row row = session.execute("SELECT id, ship FROM smoke.orders WHERE item = 'item7'").one();
            assertEquals(7, row.getInt("id"));
            assertEquals("Main", row.getUdtValue("ship").getString("street"));
            // Without copyData the SSTables are moved away; Cassandra's own files stay behind.
            try (Stream<Path> left = Files.list(source)) {
                assertEquals(Set.of("manifest.json", "schema.cql"),
                        Set.copyOf(left.map(file -> file.getFileName().toString()).toList()));
            }

            server.invoke(STORAGE_SERVICE, "clearSnapshot",
                    new Object[] {Map.of(), "smoke-tag", new String[] {"smoke"}}, CLEAR_SNAPSHOT);
            assertFalse(Files.exists(snapshot), snapshot.toString());
        } finally {
            session.execute("DROP KEYSPACE IF EXISTS smoke");
        }
    }

    private static long count(CqlSession session, String query) {
        return session.execute(query).one().getLong(0);
    }

    private static JMXConnector jmx() throws IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL(TestCassandra.jmxServiceUrl()));
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
