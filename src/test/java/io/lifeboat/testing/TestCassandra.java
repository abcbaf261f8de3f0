package io.lifeboat.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
    private static final String RACKDC_PROPERTIES = "cassandra-rackdc.properties";
    private static final String HEAP = "512m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Schema changes on a busy 2-core machine can exceed the driver's 2 s default. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The driver answers a schema change only after refreshing its metadata, which it debounces for 1 s
     * by default: over a second per CREATE. 10 ms keeps the metadata and makes DDL fast.
     */
    private static final Duration SCHEMA_REFRESH_WINDOW = Duration.ofMillis(10);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestCassandra.class);

    /** The JPMS flags of Cassandra 5.0's {@code conf/jvm17-server.options}. */
    private static final List<String> JVM17_MODULE_FLAGS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED");

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
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, SCHEMA_REFRESH_WINDOW)
                        .build());
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

        private final Process process;
        private final Thread shutdownHook;
        private final Path directory;
        private final String host;
        private final int cqlPort;
        private final int jmxPort;
        private final int storagePort;
        private volatile CqlSession session;

        private Node(Process process, Thread shutdownHook, Path directory, String host, int[] ports) {
            this.process = process;
            this.shutdownHook = shutdownHook;
            this.directory = directory;
            this.host = host;
            this.cqlPort = ports[0];
            this.jmxPort = ports[1];
            this.storagePort = ports[2];
        }

        static Node start() {
            Path buildDir = TestProcesses.buildDirectory();
            Path templates = buildDir.getParent().resolve("src/test/cassandra");
            Path lib = buildDir.resolve("cassandra/lib");
            if (!Files.isRegularFile(lib.resolve("cassandra-all-5.0.6.jar"))) {
                throw new IllegalStateException("No Cassandra jars in " + lib
                        + ": run through 'mvn verify' (pre-integration-test resolves them)");
            }
            Path directory = TestProcesses.createTempDirectory(buildDir.resolve("cassandra"), "run-");
            int[] ports = TestProcesses.freePorts(3);
            writeConfig(templates, directory, ports);
            Process process = launch(command(lib, templates, directory, ports[1]), directory);
            // Safety net: a JVM that exits without closing the store must not leave the node behind.
            Thread shutdownHook = new Thread(() -> stop(process), "test-cassandra-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            Node node = new Node(process, shutdownHook, directory, LOOPBACK, ports);
            try {
                awaitCql(process, LOOPBACK, ports[0], directory);
                node.session = sessionBuilder(new InetSocketAddress(LOOPBACK, ports[0])).build();
                return node;
            } catch (RuntimeException | Error e) {
                stop(process);
                TestProcesses.removeShutdownHook(shutdownHook);
                throw e;
            }
        }

        NodeAddress address() {
            return new NodeAddress(host, cqlPort, jmxPort, directory.resolve("data"), session);
        }

        @Override
        public void close() {
            if (running == this) {
                running = null;
            }
            if (session != null) {
                session.close();
            }
            stop(process);
            TestProcesses.removeShutdownHook(shutdownHook);
            // Keep cassandra.yaml and the logs for a look after the run; the rest is megabytes of commit log.
            for (String bulky : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw")) {
                deleteRecursively(directory.resolve(bulky));
            }
        }
    }

    /** The JVM command line of {@code bin/cassandra -f}, reduced to what a small test node needs. */
    private static List<String> command(Path lib, Path templates, Path directory, int jmxPort) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xms" + HEAP, "-Xmx" + HEAP, "-Xss256k",
                "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled", "-XX:MaxTenuringThreshold=1",
                "-XX:G1HeapRegionSize=16m", "-XX:MaxGCPauseMillis=300",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + directory,
                "-ea", "-da:net.openhft...",
                "-Djava.net.preferIPv4Stack=true",
                "-Djdk.attach.allowAttachSelf=true",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dio.netty.allocator.useCacheForAllThreads=true",
                "-Dio.netty.allocator.maxOrder=11"));
        command.addAll(JVM17_MODULE_FLAGS);
        command.add("-javaagent:" + jammJar(lib));
        command.addAll(List.of(
                "-Dcassandra.jmx.local.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcassandra.config=" + directory.resolve("cassandra.yaml").toUri(),
                // Read by the snitch; bin/cassandra finds it on the classpath, in the conf folder.
                "-Dcassandra-rackdc.properties=" + directory.resolve(RACKDC_PROPERTIES).toUri(),
                "-Dcassandra.logdir=" + directory.resolve("logs"),
                "-Dcassandra.storagedir=" + directory,
                "-Dlogback.configurationFile=" + templates.resolve("logback.xml"),
                "-Dcassandra-foreground=yes",
                // A lone seed has no gossip to settle: skip the 5 s minimum wait before CQL opens.
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                // Nobody listens for its goodbye: skip the 2 s pause on the way down.
                "-Dcassandra.shutdown_announce_in_ms=0",
                "-cp", lib.resolve("*").toString(),
                "org.apache.cassandra.service.CassandraDaemon"));
        return command;
    }

    private static Path jammJar(Path lib) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "jamm-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No jamm jar in " + lib);
    }

    /**
     * Fills the template's placeholders for this node and writes {@code cassandra.yaml} into its directory,
     * beside a copy of the snitch's {@code cassandra-rackdc.properties}.
     */
    private static void writeConfig(Path templates, Path directory, int[] ports) {
        Path template = templates.resolve("cassandra.yaml");
        Map<String, String> values = Map.of(
                "listen_address", LOOPBACK,
                "native_transport_port", Integer.toString(ports[0]),
                "storage_port", Integer.toString(ports[2]),
                "seeds", LOOPBACK + ":" + ports[2],
                "node_directory", directory.toString());
        try {
            String yaml = Files.readString(template, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                yaml = yaml.replace("${" + value.getKey() + "}", value.getValue());
            }
            if (yaml.contains("${")) {
                throw new IllegalStateException("Unfilled placeholder in " + template);
            }
            Files.writeString(directory.resolve("cassandra.yaml"), yaml, StandardCharsets.UTF_8);
            Files.copy(templates.resolve(RACKDC_PROPERTIES), directory.resolve(RACKDC_PROPERTIES));
            Files.createDirectories(directory.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process launch(List<String> command, Path directory) {
        try {
            // The JVM's own output (warnings, crashes) goes beside logback's system.log.
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("logs/output.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Cassandra: " + String.join(" ", command), e);
        }
    }

    /**
     * Waits until the native transport answers a CQL OPTIONS request with SUPPORTED. Cassandra opens
     * that port last, once the node is up; fails early if the process dies.
     */
    private static void awaitCql(Process process, String host, int port, Path directory) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw startFailure("Cassandra exited with code " + process.exitValue(), directory);
            }
            if (cqlAnswers(host, port)) {
                return;
            }
            TestProcesses.sleep(Duration.ofMillis(200));
        }
        throw startFailure("Cassandra did not answer CQL on " + host + ":" + port + " within "
                + START_TIMEOUT.toSeconds() + " s", directory);
    }

    private static boolean cqlAnswers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            // Protocol v4 frame header: version, flags, stream id (2 bytes), opcode OPTIONS (5), body length 0.
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x04, 0, 0, 1, 0x05, 0, 0, 0, 0});
            out.flush();
            byte[] header = new byte[9];
            new DataInputStream(socket.getInputStream()).readFully(header);
            // A response has the version's high bit set; opcode 6 is SUPPORTED.
            return (header[0] & 0xff) == 0x84 && header[4] == 0x06;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static IllegalStateException startFailure(String message, Path directory) {
        return new IllegalStateException(message + "\n--- last lines of logs/system.log:\n"
                + TestProcesses.tail(directory.resolve("logs/system.log"))
                + "\n--- last lines of logs/output.log:\n" + TestProcesses.tail(directory.resolve("logs/output.log")));
    }


    /** SIGTERM first, so Cassandra's own shutdown hook drains the node, then forces. */
    private static void stop(Process process) {
        ProcessTree.of(process).stop(STOP_TIMEOUT);
    }




    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
