package io.lifeboat;

import io.lifeboat.cluster.FileTrees;
import io.lifeboat.testing.AgentCluster;
import io.lifeboat.testing.AgentProcess;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twenty-four nodes, each with its agent as its own process on 127.0.1.x: backed up one node at a time and eight
 * at a time, and restored eight at a time, by a coordinator with a 64 MiB heap. The wall times and the
 * coordinator's heap (from its GC log) are printed for the record.
 */
class AgentScaleIT {

    private static final String TOKEN = "scale-it-token-24";
    private static final int NODES = 24;
    private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @TempDir
    Path scratch;

    @Test
    void twentyFourAgentsBackUpAndRestoreEightAtATime() throws Exception {
        AgentCluster cluster = AgentCluster.tricky(scratch.resolve("cluster"), AgentCluster.hosts("127.0.1.", 2, NODES));
        Path logs = Files.createDirectories(scratch.resolve("logs"));
        Path store = Files.createDirectories(scratch.resolve("store"));
        long starting = System.nanoTime();
        List<AgentProcess> agents = AgentProcess.startAll(cluster, AgentProcess.environment(TOKEN, "60s", "2m"), logs);
        Duration started = Duration.ofNanos(System.nanoTime() - starting);
        try {
            Map<Integer, SortedMap<String, String>> before = cluster.keyspaceTrees();

            Run serial = coordinator(cluster, store, logs, "backup-local", "serial-24", "serial");
            Run parallel = coordinator(cluster, store, logs, "backup-local", "parallel-24", "parallel");
            for (int node = 0; node < NODES; node++) {
                for (String keyspace : List.of("ks1", "ks2", "ks3")) {
                    FileTrees.deleteIfExists(cluster.nodeDir(node).resolve(keyspace));
                }
            }
            Run restore = coordinator(cluster, store, logs, "restore-local", "parallel-24", "parallel");

            assertEquals(before, cluster.keyspaceTrees());
            System.out.printf("24 agents: started in %.1f s; coordinator -Xmx64m: backup serial %.1f s (heap peak %d MiB), parallel (8) %.1f s"
                            + " (heap peak %d MiB), restore parallel (8) %.1f s (heap peak %d MiB)%n", seconds(started), seconds(serial.took()),
                    serial.heapPeakMiB(), seconds(parallel.took()), parallel.heapPeakMiB(), seconds(restore.took()), restore.heapPeakMiB());
        } finally {
            for (AgentProcess agent : agents) {
                agent.close();
            }
        }
    }

    private record Run(Duration took, long heapPeakMiB) {
    }

    private static Run coordinator(AgentCluster cluster, Path store, Path logs, String plan, String snapshot, String strategy) throws Exception {
        Path gc = logs.resolve(snapshot + "-" + plan + ".gc.log");
        Map<String, String> environment = new HashMap<>();
        environment.put("LIFEBOAT_AGENT_TOKEN", TOKEN);
        environment.put("LIFEBOAT_PARALLELISM", "8");
        long start = System.nanoTime();
        LauncherProcess.Finished finished = LauncherProcess.start("-Xmx64m -Xlog:gc:file=" + gc, environment, logs,
                List.of("plan", "start", plan, "--cluster", cluster.file().toString(), "-p", "SNAPSHOT_NAME=" + snapshot,
                        "-p", "BACKUP_DIR=" + store, "-p", "BACKUP_RESTORE_STRATEGY=" + strategy)).await(Duration.ofMinutes(5));
        Outcome outcome = finished.outcome();
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains(NODES + " nodes"), outcome.toString());
        return new Run(Duration.ofNanos(System.nanoTime() - start), heapPeak(gc));
    }

    /** The most heap in use before any collection, from the JVM's own GC log. */
    private static long heapPeak(Path gcLog) throws Exception {
        long peak = 0;
        Matcher heap = HEAP.matcher(Files.readString(gcLog));
        while (heap.find()) {
            peak = Math.max(peak, Long.parseLong(heap.group(1)));
        }
        return peak;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
