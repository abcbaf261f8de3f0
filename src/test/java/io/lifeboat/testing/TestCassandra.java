package io.lifeboat.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * JUnit 5 extension that runs one real Apache Cassandra 5.0 node on free loopback ports, once per JVM.
 *
 * <p>The node runs in its own JVM from the jars that the build resolves into {@code target/cassandra/lib}
 * (see {@code src/test/cassandra/pom.xml}), so Cassandra's libraries never meet the project's.
 * JMX listens on loopback only ({@code cassandra.jmx.local.port}), without authentication, as with a
 * default {@code cassandra-env.sh}.
 */
public final class TestCassandra implements BeforeAllCallback {

    /**
     * The data centre of both test nodes ({@code GossipingPropertyFileSnitch} reading
     * {@code src/test/cassandra/cassandra-rackdc.properties}), needed by the driver's load balancing.
     */
    public static final String LOCAL_DATACENTER = "dc-east";

    private static final String LOOPBACK = "127.0.0.1";
    private static final String CLUSTER_NAME = "lifeboat-test";
    private static final String RACK = "rack1";
    private static final int NUM_TOKENS = 16;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestCassandra.class);

    private static volatile Node running;
    private static Node fresh;

    /** Where a node answers and keeps its data, and a session to it (shared: do not close it). */
    public record NodeAddress(String host, int cqlPort, int jmxPort, Path dataDirectory, CqlSession session) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store outlives every test class and closes its values when the run ends.
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Node.class, key -> {
            running = Node.start();
            return running;
        }, Node.class);
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(FreshNodeCloser.class, key -> new FreshNodeCloser(),
                FreshNodeCloser.class);
    }

    /**
     * A second, separate one-node cluster, started on first use: a "fresh node" to restore into. It owns
     * every token of its own ring, as the first node does of its.
     */
    public static synchronized NodeAddress freshNode() {
        if (fresh == null) {
            fresh = Node.start();
        }
        return fresh.address();
    }

    /** Stops the fresh node, if one was started, when the test run ends. */
    private static final class FreshNodeCloser implements AutoCloseable {
        @Override
        public void close() {
            synchronized (TestCassandra.class) {
                if (fresh != null) {
                    fresh.close();
                    fresh = null;
                }
            }
        }
    }

    /** The node's listen, RPC and JMX address. */
    public static String host() {
        return current().host;
    }

    /** The CQL native transport port. */
    public static int cqlPort() {
        return current().cqlPort;
    }

    /** The local-only JMX port; see {@link #jmxServiceUrl()}. */
    public static int jmxPort() {
        return current().jmxPort;
    }

    /** The inter-node storage port. */
    public static int storagePort() {
        return current().storagePort;
    }

    /** {@code service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi}, the URL nodetool uses. */
    public static String jmxServiceUrl() {
        return "service:jmx:rmi:///jndi/rmi://" + host() + ":" + jmxPort() + "/jmxrmi";
    }

    /** The node's only {@code data_file_directories} entry: keyspace directories live right under it. */
    public static Path dataDirectory() {
        return current().directory.resolve("data");
    }

    /** Everything of this node: data, commit log, {@code cassandra.yaml} and {@code logs/system.log}. */
    public static Path nodeDirectory() {
        return current().directory;
    }

    /** The CQL contact point. */
    public static InetSocketAddress contactPoint() {
        return new InetSocketAddress(host(), cqlPort());
    }

    /** A session shared by all tests; closed when the node stops. Do not close it. */
    public static CqlSession session() {
        return current().session;
    }

    /** A builder for a session of your own: contact point, data centre, 30 s requests, fast schema changes. */
    public static CqlSessionBuilder sessionBuilder() {
        return sessionBuilder(contactPoint());
    }

    private static CqlSessionBuilder sessionBuilder(InetSocketAddress contactPoint) {
        return CqlSession.builder()
                .addContactPoint(contactPoint)
                .withLocalDatacenter(LOCAL_DATACENTER)
                .withConfigLoader(TestDriverConfig.builder().build());
    }

    private static Node current() {
        Node node = running;
        if (node == null) {
            throw new IllegalStateException("Cassandra not started: annotate the test class with "
                    + "@ExtendWith(TestCassandra.class)");
        }
        return node;
    }

    /** One Cassandra process, its ports and directory, and the shared session bound to it. */
    private static final class Node implements AutoCloseable {

        private final CassandraProcess process;
        private final Path directory;
        private final String host;
        private final int cqlPort;
        private final int jmxPort;
        private final int storagePort;
        private volatile CqlSession session;

        private Node(CassandraProcess process) {
            this.process = process;
            this.directory = process.directory();
            this.host = process.settings().host();
            this.cqlPort = process.settings().cqlPort();
            this.jmxPort = process.settings().jmxPort();
            this.storagePort = process.settings().storagePort();
        }

        static Node start() {
            Path directory = TestProcesses.createTempDirectory(TestProcesses.buildDirectory().resolve("cassandra"), "run-");
            int[] ports = TestProcesses.freePorts(3);
            CassandraProcess process = CassandraProcess.configure(directory, new CassandraProcess.Settings(
                    CLUSTER_NAME, LOOPBACK, ports[0], ports[2], ports[1], LOOPBACK + ":" + ports[2], NUM_TOKENS, "",
                    LOCAL_DATACENTER, RACK, List.of()));
            process.start();
            Node node = new Node(process);
            try {
                process.awaitCql(START_TIMEOUT);
                node.session = sessionBuilder(new InetSocketAddress(LOOPBACK, ports[0])).build();
                return node;
            } catch (RuntimeException | Error e) {
                process.stop();
                throw e;
            }
        }

        NodeAddress address() {
            return new NodeAddress(host, cqlPort, jmxPort, process.dataDirectory(), session);
        }

        @Override
        public void close() {
            if (running == this) {
                running = null;
            }
            if (session != null) {
                session.close();
            }
            process.stop();
            process.deleteBulkyDirectories();
        }
    }
}
