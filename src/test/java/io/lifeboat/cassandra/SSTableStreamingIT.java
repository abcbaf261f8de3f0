package io.lifeboat.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lifeboat.testing.TestCassandra;
import io.lifeboat.testing.TestProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SSTables of a live Cassandra 5.0.6 node, snapshotted and copied into a staging folder, streamed back by the SSTable
 * loader in its own JVM with the jars the node's JMX class path names: into the table they came from, into tables of
 * other names, only the repaired ranges of repaired SSTables, and the failures in one line.
 */
@ExtendWith(TestCassandra.class)
class SSTableStreamingIT {

    private static final String KEYSPACE = "sstable_streaming";
    private static final String SNAPSHOT = "sstable-streaming";
    private static final int ROWS = 500;
    private static final String MIN_TOKEN = Long.toString(Long.MIN_VALUE);
    private static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";
    private static final AtomicInteger NEXT_TABLE = new AtomicInteger();

    @TempDir
    static Path staging;

    private static Path stagedUsers;
    private static List<String> rows;
    private static List<Path> cassandraJars;

    @BeforeAll
    static void stageASnapshotOfATable() throws Exception {
        CqlSession cql = TestCassandra.session();
        cql.execute("CREATE KEYSPACE " + KEYSPACE + " WITH replication = {'class': 'NetworkTopologyStrategy', '"
                + TestCassandra.LOCAL_DATACENTER + "': 1}");
        createUsersTable("users");
        for (int i = 0; i < ROWS; i++) {
            cql.execute("INSERT INTO " + KEYSPACE + ".users (id, name, email, score) VALUES (?, ?, ?, ?)",
                    i, "user " + i + " ".repeat(i % 40), "user-" + i % 50 + "@example.org", i * 7);
        }
        rows = rows("users");
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(TestCassandra.jmxServiceUrl()))) {
            MBeanServerConnection node = jmx.getMBeanServerConnection();
            cassandraJars = CassandraJars.fromRuntime(node);
            // nodetool snapshot -t <tag> -kt <keyspace>.users: flushes first.
            node.invoke(new ObjectName(STORAGE_SERVICE), "takeSnapshot",
                    new Object[] {SNAPSHOT, Map.of("skipFlush", "false"), new String[] {KEYSPACE + ".users"}},
                    new String[] {String.class.getName(), Map.class.getName(), String[].class.getName()});
            stagedUsers = copyTree(snapshotFolder("users"), staging.resolve("node-0").resolve(KEYSPACE).resolve("users"));
            node.invoke(new ObjectName(STORAGE_SERVICE), "clearSnapshot", new Object[] {Map.of(), SNAPSHOT, new String[] {KEYSPACE}},
                    new String[] {Map.class.getName(), String.class.getName(), String[].class.getName()});
        }
    }

    @Test
    void streamsEveryRowBackIntoTheTruncatedTable() throws Exception {
        assertTrue(Files.isDirectory(stagedUsers.resolve(".users_by_email")), "the snapshot holds the index's own SSTables");
        TestCassandra.session().execute("TRUNCATE " + KEYSPACE + ".users");
        assertEquals(List.of(), rows("users"));
        List<Long> told = new ArrayList<>();

        SSTableStreaming.Result result = new SSTableStreaming(cassandraJars).stream(job(table(stagedUsers, "users")), told::add);

        assertEquals(rows, rows("users"));
        // The index's folder is not streamed: the node builds the index from the rows it received.
        assertEquals(10, TestCassandra.session().execute("SELECT id FROM " + KEYSPACE + ".users WHERE email = 'user-7@example.org'")
                .all().size());
        assertTrue(result.bytesSent() > 0, "bytes sent: " + result.bytesSent());
        assertEquals(result.bytesSent(), told.stream().mapToLong(Long::longValue).sum());
        assertEquals(Map.of(TestCassandra.host(), result.bytesSent()), result.bytesPerHost());
        assertTrue(result.took().toMillis() > 0);
    }

    @Test
    void streamsIntoTablesOfOtherNamesOneAfterAnother() throws Exception {
        String renamed = createUsersTable("users_old_" + NEXT_TABLE.incrementAndGet());
        String empty = createUsersTable("nothing_" + NEXT_TABLE.incrementAndGet());
        Path emptyFolder = Files.createDirectories(staging.resolve("node-1").resolve(KEYSPACE).resolve("nothing"));

        SSTableStreaming.Result result = new SSTableStreaming(cassandraJars)
                .stream(job(table(stagedUsers, renamed), table(emptyFolder, empty)), bytes -> { });

        assertEquals(rows, rows(renamed));
        assertEquals(List.of(), rows(empty));
        assertEquals(Map.of(TestCassandra.host(), result.bytesSent()), result.bytesPerHost());
    }

    @Test
    void sendsRepairedSSTablesOnlyForTheRepairedRanges() throws Exception {
        Path repaired = copyTree(stagedUsers, staging.resolve("repaired").resolve(KEYSPACE).resolve("users"));
        markRepaired(repaired);
        String target = createUsersTable("repaired_" + NEXT_TABLE.incrementAndGet());

        new SSTableStreaming(cassandraJars).stream(job(table(repaired, target, List.of(MIN_TOKEN, "0"))), bytes -> { });

        List<String> expected = TestCassandra.session().execute("SELECT id, name, email, score FROM " + KEYSPACE
                + ".users WHERE token(id) <= 0 ALLOW FILTERING").all().stream().map(SSTableStreamingIT::row).sorted().toList();
        assertTrue(expected.size() > ROWS / 4 && expected.size() < ROWS * 3 / 4, expected.size() + " rows in (min, 0]");
        assertEquals(expected, rows(target));
    }

    @Test
    void sendsUnrepairedSSTablesWholeWhateverTheRepairedRanges() throws Exception {
        String target = createUsersTable("unrepaired_" + NEXT_TABLE.incrementAndGet());

        new SSTableStreaming(cassandraJars).stream(job(table(stagedUsers, target, List.of("0", "1"))), bytes -> { });

        assertEquals(rows, rows(target));
    }

    @Test
    void aWrongStoragePortFailsInOneLineNamingTheHost() throws Exception {
        int closedPort = TestProcesses.freePorts(1)[0];
        SSTableStreaming.Job job = new SSTableStreaming.Job(List.of(TestCassandra.contactPoint()), closedPort, Optional.empty(),
                Optional.empty(), List.of(table(stagedUsers, createUsersTable("unreached_" + NEXT_TABLE.incrementAndGet()))));

        SSTableStreamingException failure = assertThrows(SSTableStreamingException.class,
                () -> new SSTableStreaming(cassandraJars).stream(job, bytes -> { }));

        assertTrue(failure.getMessage().startsWith("streaming " + KEYSPACE + ".unreached_"), failure.getMessage());
        assertTrue(failure.getMessage().contains(TestCassandra.host() + ":" + closedPort), failure.getMessage());
        assertOneLine(failure.getMessage());
        assertEquals(Optional.of(TestCassandra.host()), failure.host());
    }

    @Test
    void aMissingTargetTableFailsWithOneJsonLineAndExitCode1() throws Exception {
        SSTableStreaming.Job job = job(table(stagedUsers, "missing"));
        Process loader = new ProcessBuilder(LoaderCommand.of(LoaderCommand.locateLoaderJar(), cassandraJars))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = loader.getOutputStream()) {
            stdin.write(LoaderRequest.json(job));
        }
        String stdout = new String(loader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, loader.waitFor());
        assertEquals("{\"event\":\"failed\",\"message\":\"table " + KEYSPACE + ".missing does not exist in the target cluster\"}\n",
                stdout);
        SSTableStreamingException failure = assertThrows(SSTableStreamingException.class,
                () -> new SSTableStreaming(cassandraJars).stream(job, bytes -> { }));
        assertEquals("table " + KEYSPACE + ".missing does not exist in the target cluster", failure.getMessage());
        assertEquals(Optional.empty(), failure.host());
    }

    @Test
    void aProgressCallbackThatThrowsKillsTheLoader() throws Exception {
        List<String> targets = IntStream.range(0, 8).mapToObj(i -> createUsersTable("stopped_" + NEXT_TABLE.incrementAndGet())).toList();
        SSTableStreaming.Job job = job(targets.stream().map(target -> table(stagedUsers, target)).toArray(SSTableStreaming.Table[]::new));
        List<ProcessHandle> loaders = new ArrayList<>();
        Set<Long> before = children();
        IllegalStateException stop = new IllegalStateException("plan stopped");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> new SSTableStreaming(cassandraJars).stream(job, bytes -> {
            loaders.addAll(startedSince(before));
            throw stop;
        }));

        assertSame(stop, thrown);
        assertEquals(1, loaders.size(), "one loader ran while the first bytes were told");
        awaitGone(loaders.get(0));
        assertEquals(List.of(), rows(targets.get(targets.size() - 1)), "the last table of the job was never streamed");
    }

    @Test
    void anInterruptKillsTheLoader() throws Exception {
        SSTableStreaming.Job job = job(table(stagedUsers, createUsersTable("interrupted_" + NEXT_TABLE.incrementAndGet())));
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Set<Long> before = children();
        Thread[] streamer = new Thread[1];
        CompletableFuture<SSTableStreaming.Result> streaming = CompletableFuture.supplyAsync(() -> {
            streamer[0] = Thread.currentThread();
            try {
                return new SSTableStreaming(cassandraJars).stream(job, bytes -> { });
            } catch (IOException e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                throw new IllegalStateException(e);
            }
        });
        ProcessHandle loader = awaitLoader(before);

        streamer[0].interrupt();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> streaming.get(60, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedIOException.class, failure.getCause().getCause());
        assertTrue(stillInterrupted.get(), "the thread's interrupt is kept");
        awaitGone(loader);
    }

    private static SSTableStreaming.Job job(SSTableStreaming.Table... tables) {
        return new SSTableStreaming.Job(List.of(TestCassandra.contactPoint()), TestCassandra.storagePort(), Optional.empty(),
                Optional.empty(), List.of(tables));
    }

    private static SSTableStreaming.Table table(Path folder, String target) {
        return new SSTableStreaming.Table(folder, KEYSPACE, target, Optional.empty());
    }

    private static SSTableStreaming.Table table(Path folder, String target, List<String> repairedRange) {
        return new SSTableStreaming.Table(folder, KEYSPACE, target, Optional.of(List.of(repairedRange)));
    }

    private static String createUsersTable(String name) {
        TestCassandra.session().execute("CREATE TABLE " + KEYSPACE + "." + name + " (id int PRIMARY KEY, name text, email text, score int)");
        TestCassandra.session().execute("CREATE INDEX " + name + "_by_email ON " + KEYSPACE + "." + name + " (email)");
        return name;
    }

    private static List<String> rows(String table) {
        return TestCassandra.session().execute("SELECT id, name, email, score FROM " + KEYSPACE + "." + table).all().stream()
                .map(SSTableStreamingIT::row).sorted().toList();
    }

    private static String row(Row row) {
        return row.getInt("id") + "|" + row.getString("name") + "|" + row.getString("email") + "|" + row.getInt("score");
    }

    private static Path snapshotFolder(String table) throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(TestCassandra.dataDirectory().resolve(KEYSPACE), table + "-*")) {
            for (Path folder : folders) {
                return folder.resolve("snapshots").resolve(SNAPSHOT);
            }
        }
        throw new IllegalStateException("no folder of " + KEYSPACE + "." + table);
    }

    /** Copies, never links: marking the copy repaired must not touch the node's own files. */
    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }

    /** {@code sstablerepairedset --really-set --is-repaired} on the staged copy, in the loader's JVM set-up with Cassandra's tool. */
    private static void markRepaired(Path folder) throws Exception {
        List<String> command = new ArrayList<>(LoaderCommand.of(LoaderCommand.locateLoaderJar(), cassandraJars));
        command.remove(command.size() - 1);
        command.add(1, "-Dcassandra.config=" + TestCassandra.nodeDirectory().resolve("cassandra.yaml").toUri());
        command.add(2, "-Dcassandra-rackdc.properties=" + TestCassandra.nodeDirectory().resolve("cassandra-rackdc.properties").toUri());
        command.addAll(List.of("org.apache.cassandra.tools.SSTableRepairedAtSetter", "--really-set", "--is-repaired"));
        try (Stream<Path> files = Files.list(folder)) {
            files.map(Path::toString).filter(name -> name.endsWith("-Data.db")).forEach(command::add);
        }
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tool.waitFor(), output);
    }

    /**
     * The processes this test JVM started since {@code before}: the loader, as tests run one at a time. (Its command
     * line cannot tell it: the JDK reads only the first 4 KiB of one, and the loader's class path is longer.)
     */
    private static List<ProcessHandle> startedSince(Set<Long> before) {
        return ProcessHandle.current().children().filter(process -> !before.contains(process.pid())).collect(Collectors.toList());
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static ProcessHandle awaitLoader(Set<Long> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> loaders = startedSince(before);
            if (!loaders.isEmpty()) {
                return loaders.get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no loader started within 60 s");
    }

    private static void awaitGone(ProcessHandle process) throws Exception {
        process.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(process.isAlive());
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\tat "), message);
    }
}
