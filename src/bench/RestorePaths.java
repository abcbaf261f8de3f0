import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lifeboat.testing.TestCassandraCluster;
import io.lifeboat.testing.TestCassandraCluster.Spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restore paths of a Cassandra snapshot, on real Cassandra 5.0.6 clusters on loopback addresses (the test
 * harness's): a three-node source with one keyspace of replication factor 2 (1 KiB rows of random bytes), backed up to a
 * directory; then restored by import (in place), by streaming into a fresh three-node cluster with tokens of its own,
 * by streaming after an incremental repair, and by streaming into two nodes; and, as what an operator would otherwise
 * run, {@code tar xzf} and Cassandra's own {@code sstableloader} from every node's archive into the same fresh cluster.
 * Every restore is timed from outside, JVM start included, and its rows counted and summed at consistency ALL.
 *
 * <p>sstableloader runs with the flags of Cassandra 5.0's {@code conf/jvm17-clients.options} ({@code src/test/cassandra/jvm17-clients.options}).
 *
 * <p>Usage: RestorePaths WORK_DIR SIZE_MB (one copy of the data; the source holds it twice)
 */
public final class RestorePaths {

    private static final int ROW_BYTES = 1024;
    private static final Pattern SENT = Pattern.compile("\\(([\\d.]+) (B|kB|MB|GB) sent");
    private static final String LIVE_BYTES = "org.apache.cassandra.metrics:type=Table,keyspace=bench,scope=rows,name=LiveDiskSpaceUsed";
    private static final String PERCENT_REPAIRED = "org.apache.cassandra.metrics:type=Table,keyspace=bench,scope=rows,name=PercentRepaired";

    private final Path work;
    private final Path repo;
    private final Path backups;
    private final List<String> results = new ArrayList<>();

    private RestorePaths(Path work, Path repo) throws IOException {
        this.work = work;
        this.repo = repo;
        this.backups = Files.createDirectories(work.resolve("backups"));
    }

    record Run(String name, double seconds, long bytesSent, String out) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        long rows = Long.parseLong(args[1]) * 1_000_000L / ROW_BYTES;
        new RestorePaths(work, Path.of(System.getProperty("lifeboat.home")).toAbsolutePath()).run(rows);
    }

    private void run(long rows) throws Exception {
        try (TestCassandraCluster source = TestCassandraCluster.start(Spec.of("bench-source", List.of("127.0.3.1", "127.0.3.2", "127.0.3.3")))) {
            write(source, rows);
            for (int node = 0; node < 3; node++) {
                source.nodetool(node, "flush", "bench");
            }
            long stored = 0;
            for (int node = 0; node < 3; node++) {
                stored += ((Number) source.jmxAttribute(node, LIVE_BYTES, "Count")).longValue();
            }
            String expected = digest(source.session());
            Path sourceFile = source.writeClusterFile(work.resolve("source.yaml"), "source");
            report(lifeboat("backup", "backup-local", sourceFile, "paths-1"), stored);
            Run streamed;
            Run loader;
            Run repaired;
            try (TestCassandraCluster three = TestCassandraCluster.start(Spec.of("bench-three", List.of("127.0.3.11", "127.0.3.12", "127.0.3.13")))) {
                Path threeFile = three.writeClusterFile(work.resolve("three.yaml"), "three");
                // Each twice, alternating, so that a cluster warming up or compacting weighs on both alike.
                List<Run> lifeboatRuns = new ArrayList<>();
                List<Run> loaderRuns = new ArrayList<>();
                for (int round = 1; round <= 2; round++) {
                    lifeboatRuns.add(check(lifeboat("restore by streaming, 3 -> 3 other tokens " + round, "restore-local", threeFile,
                            "paths-1"), three, expected));
                    report(lifeboatRuns.get(round - 1), stored);
                    drop(three.session());
                    loaderRuns.add(check(sstableloader(three, round), three, expected));
                    report(loaderRuns.get(round - 1), stored);
                    drop(three.session());
                }
                streamed = mean("restore by streaming, 3 -> 3 (mean of 2)", lifeboatRuns);
                loader = mean("tar xzf; sstableloader (mean of 2)", loaderRuns);
                repair(source);
                report(lifeboat("backup after repair", "backup-local", sourceFile, "paths-repaired"), stored);
                repaired = check(lifeboat("restore by streaming, repaired", "restore-local", threeFile, "paths-repaired"), three, expected);
                report(repaired, stored);
            }
            try (TestCassandraCluster two = TestCassandraCluster.start(Spec.of("bench-two", List.of("127.0.3.21", "127.0.3.22")))) {
                Path twoFile = two.writeClusterFile(work.resolve("two.yaml"), "two");
                report(check(lifeboat("restore by streaming, 3 -> 2", "restore-local", twoFile, "paths-1"), two, expected), stored);
            }
            drop(source.session());
            Run imported = check(lifeboat("restore by import, in place", "restore-local", sourceFile, "paths-1"), source, expected);
            report(imported, stored);
            System.out.println();
            System.out.println("== ratios (time of the first over the second; below 1 is faster)");
            ratio(imported, streamed);
            ratio(streamed, loader);
            ratio(repaired, streamed);
            // sstableloader sends the same SSTable sections to the same replicas (its log says each file's bytes, no total).
            System.out.printf(Locale.ROOT, "  bytes sent / stored SSTable bytes: streaming %.2f, repaired %.2f%n",
                    (double) streamed.bytesSent() / stored, (double) repaired.bytesSent() / stored);
            System.out.printf(Locale.ROOT, "data: %d rows of %d bytes, replication factor 2 over 3 nodes, %.1f MB of SSTables on the source%n",
                    rows, ROW_BYTES, stored / 1e6);
        }
        Files.write(work.resolve("restore-paths.tsv"), results);
    }

    private static void write(TestCassandraCluster cluster, long rows) {
        CqlSession cql = cluster.session();
        cql.execute("CREATE KEYSPACE bench WITH replication = {'class': 'NetworkTopologyStrategy', 'dc-east': 2}");
        cql.execute("CREATE TABLE bench.rows (id bigint PRIMARY KEY, payload blob)");
        cluster.awaitSchemaAgreement();
        PreparedStatement insert = cql.prepare("INSERT INTO bench.rows (id, payload) VALUES (?, ?)");
        SplittableRandom random = new SplittableRandom(19);
        List<CompletionStage<?>> writes = new ArrayList<>();
        for (long id = 0; id < rows; id++) {
            byte[] payload = new byte[ROW_BYTES];
            random.nextBytes(payload);
            writes.add(cql.executeAsync(insert.bind(id, ByteBuffer.wrap(payload))));
            if (writes.size() >= 256) {
                writes.forEach(write -> write.toCompletableFuture().join());
                writes.clear();
            }
        }
        writes.forEach(write -> write.toCompletableFuture().join());
    }

    /** The row count and the sum of ids and of every payload's first 8 bytes, read at the session's consistency (ALL). */
    private static String digest(CqlSession cql) {
        long count = 0;
        long ids = 0;
        long payloads = 0;
        for (Row row : cql.execute(SimpleStatement.newInstance("SELECT id, payload FROM bench.rows").setPageSize(5000)
                .setTimeout(Duration.ofSeconds(60)))) {
            count++;
            ids += row.getLong("id");
            payloads += row.getByteBuffer("payload").getLong(0);
        }
        return count + " rows, id sum " + ids + ", payload sum " + payloads;
    }

    private static Run check(Run run, TestCassandraCluster cluster, String expected) {
        String found = digest(cluster.session());
        if (!found.equals(expected)) {
            throw new IllegalStateException(run.name() + ": " + found + ", expected " + expected + "\n" + run.out());
        }
        return run;
    }

    private static void drop(CqlSession cql) {
        cql.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS bench").setTimeout(Duration.ofSeconds(60)));
    }

    private static void repair(TestCassandraCluster source) throws InterruptedException {
        for (int node = 0; node < 3; node++) {
            source.nodetool(node, "repair", "bench");
        }
        for (int node = 0; node < 3; node++) {
            // Incremental repair marks SSTables repaired in the background once the session is finalized.
            while (((Number) source.jmxAttribute(node, PERCENT_REPAIRED, "Value")).doubleValue() < 100.0) {
                Thread.sleep(200);
            }
        }
    }

    private Run lifeboat(String name, String plan, Path cluster, String snapshot) throws IOException, InterruptedException {
        return timed(name, List.of(java(), "-Xmx256m", "-Dlifeboat.home=" + repo, "-jar", repo.resolve("target/lifeboat.jar").toString(),
                "plan", "start", plan, "--cluster", cluster.toString(), "-p", "SNAPSHOT_NAME=" + snapshot, "-p", "BACKUP_DIR=" + backups));
    }

    /** What an operator would otherwise run: per node, extract its archive and run sstableloader on the table's folder. */
    private static Run mean(String name, List<Run> runs) {
        return new Run(name, runs.stream().mapToDouble(Run::seconds).sum() / runs.size(),
                runs.stream().mapToLong(Run::bytesSent).sum() / runs.size(), "");
    }

    private Run sstableloader(TestCassandraCluster target, int round) throws IOException, InterruptedException {
        target.session().execute("CREATE KEYSPACE bench WITH replication = {'class': 'NetworkTopologyStrategy', 'dc-east': 2}");
        target.session().execute("CREATE TABLE bench.rows (id bigint PRIMARY KEY, payload blob)");
        target.awaitSchemaAgreement();
        TestCassandraCluster.Node contact = target.node(0);
        StringBuilder script = new StringBuilder("set -e\n");
        for (int node = 0; node < 3; node++) {
            Path staged = work.resolve("sstableloader/node-" + node);
            script.append("rm -rf ").append(staged).append(" && mkdir -p ").append(staged)
                    .append(" && tar xzf ").append(backups.resolve("paths-1/node-" + node + ".tar.gz")).append(" -C ").append(staged).append('\n')
                    .append(java()).append(" -Xmx512m @").append(repo.resolve("src/test/cassandra/jvm17-clients.options"))
                    .append(" -cp '").append(repo.resolve("target/cassandra/lib")).append("/*' org.apache.cassandra.tools.BulkLoader --no-progress")
                    .append(" -d ").append(contact.host()).append(" -p ").append(contact.cqlPort()).append(" -sp ").append(contact.storagePort())
                    .append(' ').append(staged.resolve("bench/rows")).append('\n');
        }
        return timed("tar xzf; sstableloader (3 -> 3) " + round, List.of("bash", "-c", script.toString()));
    }

    private static Run timed(String name, List<String> command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(name + " failed (exit " + exit + "):\n" + out);
        }
        return new Run(name, seconds, sent(out), out);
    }

    /** The bytes a Lifeboat run sent, from its notes ("(12.3 MB sent in ...)"), summed over the nodes. */
    private static long sent(String out) {
        double total = 0;
        Matcher lifeboat = SENT.matcher(out);
        while (lifeboat.find()) {
            total += Double.parseDouble(lifeboat.group(1)) * Math.pow(1000, List.of("B", "kB", "MB", "GB").indexOf(lifeboat.group(2)));
        }
        return (long) total;
    }

    private void report(Run run, long stored) throws IOException {
        Files.writeString(work.resolve(run.name().replaceAll("[^A-Za-z0-9]+", "-") + ".out"), run.out());
        System.out.printf(Locale.ROOT, "  %-44s %6.1f s %7.1f MB/s  sent %8.1f MB%n", run.name(), run.seconds(), stored / 1e6 / run.seconds(),
                run.bytesSent() / 1e6);
        results.add(run.name() + "\t" + String.format(Locale.ROOT, "%.1f", run.seconds()) + "\t" + run.bytesSent());
        run.out().lines().filter(line -> line.startsWith("  ") && (line.contains(": import") || line.contains(": streaming")))
                .findFirst().ifPresent(line -> System.out.println("      " + line.strip()));
    }

    private static void ratio(Run first, Run second) {
        System.out.printf(Locale.ROOT, "  %-44s %5.2fx   (%.1f s vs %.1f s)%n", first.name() + " / " + second.name(),
                first.seconds() / second.seconds(), first.seconds(), second.seconds());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
