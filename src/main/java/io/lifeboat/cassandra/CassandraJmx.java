package io.lifeboat.cassandra;


import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * One Cassandra node's JMX, as nodetool uses it: snapshots and flushes on the StorageService MBean,
 * SSTable import on a table's MBean, the node's data centre from its snitch. Operations are invoked by name,
 * so no Cassandra class is needed here.
 */
final class CassandraJmx implements AutoCloseable {

    private static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";
    private static final String ENDPOINT_SNITCH_INFO = "org.apache.cassandra.db:type=EndpointSnitchInfo";

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final String node;

    private CassandraJmx(JMXConnector connector, String node) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.node = node;
    }

    static CassandraJmx connect(CassandraEndpoint endpoint, CassandraCredentials credentials, String node) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + endpoint.jmxHost() + ":" + endpoint.jmxPort() + "/jmxrmi");
        Map<String, Object> environment = new HashMap<>();
        if (credentials.jmxUser().isPresent()) {
            environment.put(JMXConnector.CREDENTIALS,
                    new String[] {credentials.jmxUser().get(), credentials.jmxPassword().map(secret -> secret.value()).orElse("")});
        }
        try {
            return new CassandraJmx(JMXConnectorFactory.connect(url, environment), node);
        } catch (IOException | SecurityException e) {
            throw new IOException(node + ": cannot reach JMX at " + endpoint.jmxHost() + ":" + endpoint.jmxPort() + ": " + rootCause(e), e);
        }
    }

    /** The data centre the node's snitch puts it in, as {@code nodetool info} shows it. */
    String datacenter() throws IOException {
        try {
            return (String) server.getAttribute(new ObjectName(ENDPOINT_SNITCH_INFO), "Datacenter");
        } catch (JMException | IOException e) {
            throw new IOException(node + ": JMX cannot read the node's data centre: " + rootCause(e), e);
        }
    }

    /** The class path of the node's JVM ({@code java.class.path}), which names the jars of its installation. */
    String classPath() throws IOException {
        try {
            return (String) server.getAttribute(new ObjectName(CassandraJars.RUNTIME_MBEAN), "ClassPath");
        } catch (JMException | IOException e) {
            throw new IOException(node + ": JMX cannot read the node's class path: " + rootCause(e), e);
        }
    }

    /** {@code nodetool snapshot -t <tag> <keyspaces>}: flushes the keyspaces' memtables first, so the snapshot holds every write. */
    void takeSnapshot(String tag, List<String> keyspaces) throws IOException {
        invoke(STORAGE_SERVICE, "takeSnapshot", new Object[] {tag, Map.of("skipFlush", "false"), keyspaces.toArray(String[]::new)},
                new String[] {String.class.getName(), Map.class.getName(), String[].class.getName()});
    }

    /** {@code nodetool clearsnapshot -t <tag> <keyspaces>}. */
    void clearSnapshot(String tag, List<String> keyspaces) throws IOException {
        invoke(STORAGE_SERVICE, "clearSnapshot", new Object[] {Map.of(), tag, keyspaces.toArray(String[]::new)},
                new String[] {Map.class.getName(), String.class.getName(), String[].class.getName()});
    }

    /**
     * {@code nodetool import} with its defaults: moves the SSTables of {@code directory} (which must end in
     * {@code <keyspace>/<table>}) into the table, verifying them and their tokens against this node.
     * Returns the directories that failed.
     */
    @SuppressWarnings("unchecked")
    List<String> importSSTables(String keyspace, String table, String directory) throws IOException {
        String mbean = "org.apache.cassandra.db:type=Tables,keyspace=" + keyspace + ",table=" + table;
        // resetLevel, clearRepaired, verifySSTables, verifyTokens, invalidateCaches, extendedVerify, copyData,
        // failOnMissingIndex, validateIndexChecksum
        Object[] arguments = {Set.of(directory), true, true, true, true, true, false, false, false, true};
        String[] signature = new String[arguments.length];
        signature[0] = Set.class.getName();
        Arrays.fill(signature, 1, signature.length, "boolean");
        Object failed = invoke(mbean, "importNewSSTables", arguments, signature);
        return failed == null ? List.of() : List.copyOf((List<String>) failed);
    }

    private Object invoke(String mbean, String operation, Object[] arguments, String[] signature) throws IOException {
        try {
            return server.invoke(new ObjectName(mbean), operation, arguments, signature);
        } catch (JMException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(node + ": JMX " + operation + " failed: " + cause.getMessage(), e);
        }
    }

    /** RMI wraps the reason (say, "Connection refused") in layers of exceptions and a line break. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
