package io.lifeboat;

import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.testing.GatedProxy;
import io.lifeboat.testing.GatedProxy.Direction;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.StoreServer;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store that dies or stops answering in the middle of a transfer, on real S3Mock and Azurite processes:
 * the plan fails within a bound, with one line naming the node and the cause, leaves no snapshot nor any
 * keyspace behind, and the same plan succeeds once the store is back. A proxy holds the transfer at an
 * exact byte count while the store is broken, so "in the middle" never depends on the machine's speed.
 */
class StoreFaultIT {

    private static final String STALL_TIMEOUT = "5s";
    /** The stall timeout, the store's retries and the JVM's start, with room for a loaded machine. */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(60);
    private static final int NODE_BYTES = 40 * 1024 * 1024;
    private static final long HOLD_AT = 12L * 1024 * 1024;
    private static final String SNAPSHOT = "mid-transfer";

    enum Fault { KILLED, FROZEN }

    @TempDir
    Path scratch;

    private StoreServer server;
    private GatedProxy proxy;

    static Stream<Arguments> faults() {
        return Stream.of(StoreFixture.S3, StoreFixture.AZURE).flatMap(store -> Stream.of(Fault.values()).map(fault -> Arguments.of(store, fault)));
    }

    @AfterEach
    void stopServers() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} mid-backup")
    @MethodSource("faults")
    void aBackupFailsInWordsWithinTheBoundAndItsRerunSucceeds(StoreFixture store, Fault fault) throws Exception {
        Path source = TrickyCluster.large(scratch.resolve("source"), 1, NODE_BYTES);
        Map<String, String> parameters = startStore(store);

        LauncherProcess.Finished failed = runBreakingTheStore(store, parameters, Direction.UPSTREAM, fault, store.backupPlan(), source);

        assertFailedInOneLine(failed, store.backupPlan(), fault, "uploading " + SNAPSHOT + "/node-0.tar");
        parameters = recover(store, fault, parameters);
        assertFalse(store.keys(parameters).contains(SNAPSHOT + "/manifest.json"), "no manifest after a failed backup");
        assertFalse(store.keys(parameters).contains(SNAPSHOT + "/node-0.tar"), "no archive after a failed backup");

        assertSucceeds(LauncherProcess.run("", environment(parameters), scratch,
                List.of("plan", "start", store.backupPlan(), "--cluster", source.toString())));
        assertEquals(List.of(), store.unfinishedUploads(parameters), "the rerun removed what the failed run left unfinished");
        assertRestoresIdentically(store, parameters, source, "target");
    }

    @ParameterizedTest(name = "{0} {1} mid-restore")
    @MethodSource("faults")
    void aRestoreFailsInWordsWithinTheBoundLeavesNoKeyspaceAndItsRerunSucceeds(StoreFixture store, Fault fault) throws Exception {
        Path source = TrickyCluster.large(scratch.resolve("source"), 1, NODE_BYTES);
        Path target = TrickyCluster.empty(scratch.resolve("target"), 1);
        Map<String, String> parameters = startStore(store);
        assertSucceeds(LauncherProcess.run("", environment(parameters), scratch,
                List.of("plan", "start", store.backupPlan(), "--cluster", source.toString())));

        LauncherProcess.Finished failed = runBreakingTheStore(store, parameters, Direction.DOWNSTREAM, fault, store.restorePlan(), target);

        assertFailedInOneLine(failed, store.restorePlan(), fault, "downloading " + SNAPSHOT + "/node-0.tar");
        assertEquals(List.of(), entries(target.resolveSibling("nodes/node-0")), "no keyspace, no staging, no lock left on the node");
        Map<String, String> recovered = recover(store, fault, parameters);
        if (fault == Fault.KILLED) {
            // The store came back empty: the snapshot is written again before the restore is run again.
            assertSucceeds(LauncherProcess.run("", environment(recovered), scratch,
                    List.of("plan", "start", store.backupPlan(), "--cluster", source.toString())));
        }
        assertSucceeds(LauncherProcess.run("", environment(recovered), scratch,
                List.of("plan", "start", store.restorePlan(), "--cluster", target.toString())));
        assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-0")), TreeFingerprint.of(target.resolveSibling("nodes/node-0")));
    }

    /** Runs the plan through the proxy, which holds it mid-transfer while the store breaks, and waits for its end. */
    private LauncherProcess.Finished runBreakingTheStore(StoreFixture store, Map<String, String> parameters, Direction transfer,
                                                         Fault fault, String plan, Path cluster) throws Exception {
        proxy.holdAfter(transfer, HOLD_AT);
        LauncherProcess run = LauncherProcess.start("", environment(store.through(parameters, proxy)), scratch,
                List.of("plan", "start", plan, "--cluster", cluster.toString()));
        proxy.awaitHeld(FAILS_WITHIN);
        breakStore(fault);
        return run.await(FAILS_WITHIN.multipliedBy(2));
    }

    private Map<String, String> startStore(StoreFixture store) throws IOException {
        server = store == StoreFixture.S3 ? StoreServer.s3Mock(scratch.resolve("s3mock")) : StoreServer.azurite(scratch.resolve("azurite"));
        proxy = GatedProxy.to("127.0.0.1", server.port());
        return store.newStore(server.endpoint());
    }

    /** A killed store resets the connections it had and refuses new ones; a frozen one takes them and never answers. */
    private void breakStore(Fault fault) {
        if (fault == Fault.KILLED) {
            server.kill();
            proxy.cut();
        } else {
            server.freeze();
            proxy.release();
        }
    }

    /** The store back: thawed, or restarted (empty) with a new bucket or container. */
    private Map<String, String> recover(StoreFixture store, Fault fault, Map<String, String> parameters) {
        if (fault == Fault.FROZEN) {
            server.thaw();
            return parameters;
        }
        server.restart();
        Map<String, String> fresh = new HashMap<>(parameters);
        fresh.putAll(store.newStore(server.endpoint()));
        return fresh;
    }

    private static void assertFailedInOneLine(LauncherProcess.Finished failed, String plan, Fault fault, String transfer) {
        Outcome outcome = failed.outcome();
        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertEquals(1, outcome.err().lines().count(), "one line on stderr, no stack trace from any thread:\n" + outcome.err());
        String line = outcome.err().strip();
        assertTrue(line.startsWith("lifeboat plan start " + plan + ": FAILED: node 0: "), line);
        if (fault == Fault.FROZEN) {
            assertTrue(line.contains("no progress from ") && line.contains(" for 5 s while " + transfer), line);
        } else {
            // Azure's stream retries a dead store quietly: its stall is what ends the transfer then.
            assertTrue(line.contains("connection refused") || line.contains("connection reset") || line.contains("no progress from "), line);
        }
        assertTrue(failed.took().compareTo(FAILS_WITHIN) < 0, "failed after " + failed.took().toSeconds() + " s: " + line);
        // The figures of a fault report: what the operator saw, and when.
        System.out.printf("%s, store %s: exit %d after %.1f s: %s%n", plan, fault, outcome.exitCode(), failed.took().toMillis() / 1000.0, line);
    }

    private void assertRestoresIdentically(StoreFixture store, Map<String, String> parameters, Path source, String name) throws Exception {
        Path target = TrickyCluster.empty(scratch.resolve(name), 1);
        assertSucceeds(LauncherProcess.run("", environment(parameters), scratch,
                List.of("plan", "start", store.restorePlan(), "--cluster", target.toString())));
        assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-0")), TreeFingerprint.of(target.resolveSibling("nodes/node-0")));
    }

    /** The plan's parameters, a short stall timeout, and small parts so that a transfer is many requests. */
    private static Map<String, String> environment(Map<String, String> store) {
        Map<String, String> environment = new HashMap<>(store);
        environment.put("SNAPSHOT_NAME", SNAPSHOT);
        environment.put("COMPRESSION", "none");
        environment.put("LIFEBOAT_STALL_TIMEOUT", STALL_TIMEOUT);
        environment.put("LIFEBOAT_PART_SIZE_MIB", "5");
        return environment;
    }

    private static void assertSucceeds(Outcome outcome) {
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertEquals("", outcome.err(), outcome.toString());
    }

    private static List<String> entries(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
