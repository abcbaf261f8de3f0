package io.lifeboat.testing;

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
 * One Cassandra 5.0 node in a JVM of its own, run from the jars the build resolves into {@code target/cassandra/lib}:
 * its configuration files, its command line, start, the wait for CQL, stop and kill.
 *
 * <p>JMX listens on 127.0.0.1 only ({@code cassandra.jmx.local.port}), without authentication, as with a default
 * {@code cassandra-env.sh}. The node keeps its directory across restarts: data, commit log, configuration, logs.
 */
final class CassandraProcess {

    private static final String RACKDC_PROPERTIES = "cassandra-rackdc.properties";
    private static final String HEAP = "512m";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> BULKY_DIRECTORIES = List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw");

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

    /**
     * What one node's {@code cassandra.yaml}, {@code cassandra-rackdc.properties} and command line are made of.
     * {@code initialTokens} is empty for random tokens; {@code systemProperties} are extra {@code -D} flags.
     */
    record Settings(String clusterName, String host, int cqlPort, int storagePort, int jmxPort, String seeds,
                    int numTokens, String initialTokens, String datacenter, String rack, List<String> systemProperties) {

        Settings {
            systemProperties = List.copyOf(systemProperties);
        }
    }

    private final Path directory;
    private final Settings settings;
    private final List<String> command;
    private Process process;
    private Thread shutdownHook;

    private CassandraProcess(Path directory, Settings settings, List<String> command) {
        this.directory = directory;
        this.settings = settings;
        this.command = command;
    }

    /** Writes the node's configuration into {@code directory}; {@link #start()} launches it. */
    static CassandraProcess configure(Path directory, Settings settings) {
        Path buildDir = TestProcesses.buildDirectory();
        Path templates = buildDir.getParent().resolve("src/test/cassandra");
        Path lib = buildDir.resolve("cassandra/lib");
        if (!Files.isRegularFile(lib.resolve("cassandra-all-5.0.6.jar"))) {
            throw new IllegalStateException("No Cassandra jars in " + lib
                    + ": run through 'mvn verify' (pre-integration-test resolves them)");
        }
        writeConfig(templates, directory, settings);
        return new CassandraProcess(directory, settings, command(lib, templates, directory, settings));
    }

    Settings settings() {
        return settings;
    }

    /** Everything of this node: data, commit log, {@code cassandra.yaml} and {@code logs/system.log}. */
    Path directory() {
        return directory;
    }

    /** The node's only {@code data_file_directories} entry: keyspace directories live right under it. */
    Path dataDirectory() {
        return directory.resolve("data");
    }

    /** Launches the node on its directory as it is (a first start, or a restart); {@link #awaitCql} waits for it. */
    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException("Cassandra already runs in " + directory);
        }
        Process launched = launch();
        // Safety net: a JVM that exits without stopping the node must not leave it behind.
        Thread hook = new Thread(() -> ProcessTree.of(launched).stop(STOP_TIMEOUT), "test-cassandra-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        process = launched;
        shutdownHook = hook;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Waits until the native transport answers a CQL OPTIONS request with SUPPORTED. Cassandra opens that port
     * last, once the node is up; fails early if the process dies.
     */
    void awaitCql(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw failure("Cassandra exited with code " + exitCode());
            }
            if (answersCql()) {
                return;
            }
            TestProcesses.sleep(Duration.ofMillis(200));
        }
        throw failure("Cassandra did not answer CQL on " + settings.host() + ":" + settings.cqlPort() + " within "
                + timeout.toSeconds() + " s");
    }

    boolean answersCql() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.host(), settings.cqlPort()), 1000);
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

    /** SIGTERM first, so Cassandra's own shutdown hook drains the node, then forces. */
    synchronized void stop() {
        if (process != null) {
            ProcessTree.of(process).stop(STOP_TIMEOUT);
            forget();
        }
    }

    /** SIGKILL, as a crash would; returns once the process is gone. */
    synchronized void kill() {
        if (process != null) {
            ProcessTree.of(process).kill(STOP_TIMEOUT);
            forget();
        }
    }

    /** Once the process is gone its hook goes too; a stop after a kill finds nothing left to forget. */
    private void forget() {
        if (shutdownHook != null) {
            TestProcesses.removeShutdownHook(shutdownHook);
            shutdownHook = null;
        }
    }

    /** Deletes data, commit log and caches of a stopped node; keeps {@code cassandra.yaml} and the logs for a look. */
    void deleteBulkyDirectories() {
        for (String bulky : BULKY_DIRECTORIES) {
            deleteRecursively(directory.resolve(bulky));
        }
    }

    /** A failure of this node, with the last lines of its logs. */
    IllegalStateException failure(String message) {
        return new IllegalStateException(message + "\n--- last lines of logs/system.log:\n"
                + TestProcesses.tail(directory.resolve("logs/system.log"))
                + "\n--- last lines of logs/output.log:\n" + TestProcesses.tail(directory.resolve("logs/output.log")));
    }

    private synchronized String exitCode() {
        return process == null ? "(not started)" : Integer.toString(process.exitValue());
    }

    /** The JVM command line of {@code bin/cassandra -f}, reduced to what a small test node needs. */
    private static List<String> command(Path lib, Path templates, Path directory, Settings settings) {
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
                "-Dcassandra.jmx.local.port=" + settings.jmxPort(),
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcassandra.config=" + directory.resolve("cassandra.yaml").toUri(),
                // Read by the snitch; bin/cassandra finds it on the classpath, in the conf folder.
                "-Dcassandra-rackdc.properties=" + directory.resolve(RACKDC_PROPERTIES).toUri(),
                "-Dcassandra.logdir=" + directory.resolve("logs"),
                "-Dcassandra.storagedir=" + directory,
                "-Dlogback.configurationFile=" + templates.resolve("logback.xml"),
                "-Dcassandra-foreground=yes",
                // The 5 s minimum wait for gossip to settle before CQL opens: a lone seed has nothing to settle,
                // and the test cluster waits for its nodes to agree itself.
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                // Skip the 2 s pause after the goodbye: the goodbye still reaches the peers, which mark the node down
                // at once, and nodes stopping together no longer hold each other up for 10 s.
                "-Dcassandra.shutdown_announce_in_ms=0"));
        command.addAll(settings.systemProperties());
        command.addAll(List.of(
                "-cp", lib.resolve("*").toString(),
                "org.apache.cassandra.service.CassandraDaemon"));
        return List.copyOf(command);
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

    /** Fills the templates' placeholders for this node and writes them into its directory. */
    private static void writeConfig(Path templates, Path directory, Settings settings) {
        Map<String, String> yaml = Map.of(
                "cluster_name", settings.clusterName(),
                "listen_address", settings.host(),
                "native_transport_port", Integer.toString(settings.cqlPort()),
                "storage_port", Integer.toString(settings.storagePort()),
                "seeds", settings.seeds(),
                "num_tokens", Integer.toString(settings.numTokens()),
                "initial_token", settings.initialTokens(),
                "node_directory", directory.toString());
        Map<String, String> rackdc = Map.of("datacenter", settings.datacenter(), "rack", settings.rack());
        try {
            Files.writeString(directory.resolve("cassandra.yaml"), fill(templates.resolve("cassandra.yaml"), yaml),
                    StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(RACKDC_PROPERTIES), fill(templates.resolve(RACKDC_PROPERTIES), rackdc),
                    StandardCharsets.UTF_8);
            Files.createDirectories(directory.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(Path template, Map<String, String> values) throws IOException {
        String text = Files.readString(template, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (text.contains("${")) {
            throw new IllegalStateException("Unfilled placeholder in " + template);
        }
        return text;
    }

    private Process launch() {
        try {
            // The JVM's own output (warnings, crashes) goes beside logback's system.log, kept across restarts.
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("logs/output.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Cassandra: " + String.join(" ", command), e);
        }
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
