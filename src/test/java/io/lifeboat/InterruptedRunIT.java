package io.lifeboat;

import io.lifeboat.app.Lifeboat;
import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.testing.GatedProxy;
import io.lifeboat.testing.GatedProxy.Direction;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
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
 * Lifeboat killed in the middle of a run, and two runs at once on one target or under one name: the next run
 * cleans what a killed one left, a second run is refused before it writes, and what completes is exactly the
 * snapshot. A proxy in front of S3Mock holds a run at an exact byte count, so "in the middle" and "at once"
 * never depend on the machine's speed.
 */
@ExtendWith(TestServers.class)
class InterruptedRunIT {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final int NODE_BYTES = 24 * 1024 * 1024;
    private static final long HOLD_AT = 8L * 1024 * 1024;
    private static final StoreFixture S3 = StoreFixture.S3;

    @TempDir
    Path scratch;

    private GatedProxy proxy;

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aBackupKilledMidUploadLeavesNothingItsRerunCannotCleanAndTheRerunSucceeds() throws Exception {
        Path source = TrickyCluster.large(scratch.resolve("source"), 2, NODE_BYTES);
        Map<String, String> store = store("killed-backup");
        proxy.holdAfter(Direction.UPSTREAM, HOLD_AT);

        LauncherProcess backup = start(S3.through(store, proxy), "backup-s3", source);
        proxy.awaitHeld(WITHIN);
        backup.kill();
        proxy.release();

        assertFalse(S3.keys(store).contains("killed-backup/manifest.json"));
        assertTrue(Files.exists(source.resolveSibling("nodes/node-0/.lifeboat-snapshot-killed-backup")), "the killed run left its snapshot");
        assertEquals(List.of("killed-backup/node-0.tar"), S3.unfinishedUploads(store), "and its unfinished upload");

        assertSucceeds(run(store, "backup-s3", source));
        assertEquals(List.of(), S3.unfinishedUploads(store));
        assertEquals(PlanRoundTripIT.snapshotKeys("killed-backup", ".tar", 2), S3.keys(store));
        assertEquals(List.of(), leftovers(source), "no snapshot folder, no lock left on the node");
        assertRestoresIdentically(store, source);
    }

    @Test
    void aRestoreKilledMidDownloadLeavesStagingItsRerunRemovesAndTheRerunSucceeds() throws Exception {
        Path source = TrickyCluster.large(scratch.resolve("source"), 2, NODE_BYTES);
        Path target = TrickyCluster.empty(scratch.resolve("target"), 2);
        Map<String, String> store = store("killed-restore");
        assertSucceeds(run(store, "backup-s3", source));
        proxy.holdAfter(Direction.DOWNSTREAM, HOLD_AT);

        LauncherProcess restore = start(S3.through(store, proxy), "restore-s3", target);
        proxy.awaitHeld(WITHIN);
        restore.kill();
        proxy.release();
        assertTrue(Files.exists(target.resolveSibling("nodes/node-0/.lifeboat-restore-killed-restore")), "the killed run left its staging");

        assertSucceeds(run(store, "restore-s3", target));
        for (int node = 0; node < 2; node++) {
            assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-" + node)), TreeFingerprint.of(target.resolveSibling("nodes/node-" + node)),
                    "node " + node + ": the snapshot, and no staging nor lock besides");
        }
    }

    @Test
    void aSecondRestoreIntoNodesBeingRestoredIsRefusedBeforeItWrites() throws Exception {
        Path source = TrickyCluster.write(scratch.resolve("source"), 2);
        Path target = TrickyCluster.empty(scratch.resolve("target"), 2);
        Map<String, String> store = store("twice");
        assertSucceeds(run(store, "backup-s3", source));
        // Past the manifest and the checks, into node 0's archive: the first restore holds the nodes by then.
        Runs runs = secondWhileTheFirstIsHeld(store, Direction.DOWNSTREAM, 64 * 1024, "restore-s3", target, target);
        Outcome second = runs.second();

        assertEquals(1, second.exitCode(), second.toString());
        assertEquals(1, second.err().lines().count(), second.toString());
        assertTrue(second.err().contains(": FAILED: node 0 is being restored by another run "), second.err());
        assertTrue(second.err().contains("; nothing was written"), second.err());
        assertSucceeds(runs.first());
        for (int node = 0; node < 2; node++) {
            assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-" + node)), TreeFingerprint.of(target.resolveSibling("nodes/node-" + node)));
        }
    }

    @Test
    void twoRestoresStartedTogetherLeaveExactlyTheSnapshot() throws Exception {
        Path source = TrickyCluster.write(scratch.resolve("source"), 2);
        Path target = TrickyCluster.empty(scratch.resolve("target"), 2);
        Map<String, String> store = store("together");
        assertSucceeds(run(store, "backup-s3", source));

        Runs runs = together(store, "restore-s3", target, target);

        refusedOneOf(runs);
        for (int node = 0; node < 2; node++) {
            assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-" + node)), TreeFingerprint.of(target.resolveSibling("nodes/node-" + node)));
        }
    }

    @Test
    void aSecondBackupUnderANameBeingWrittenIsRefusedAndTheFirstIsTheSnapshot() throws Exception {
        Path first = TrickyCluster.large(scratch.resolve("first"), 1, NODE_BYTES);
        Path other = TrickyCluster.write(scratch.resolve("other"), 1);
        Map<String, String> store = store("one-name");

        Runs runs = secondWhileTheFirstIsHeld(store, Direction.UPSTREAM, HOLD_AT, "backup-s3", first, other);
        Outcome second = runs.second();

        assertEquals(1, second.exitCode(), second.toString());
        assertEquals(1, second.err().lines().count(), second.toString());
        assertTrue(second.err().contains("FAILED: snapshot one-name is being written by another run "), second.err());
        assertEquals(List.of(), leftovers(other), "the refused run left nothing on its node");
        assertSucceeds(runs.first());
        assertRestoresIdentically(store, first);
    }

    @Test
    void ofTwoBackupsStartedTogetherUnderOneNameTheOneThatCompletesIsTheSnapshot() throws Exception {
        Path one = TrickyCluster.write(scratch.resolve("one"), 1);
        Path other = TrickyCluster.large(scratch.resolve("other"), 1, 1024 * 1024);
        Map<String, String> store = store("raced");

        Runs runs = together(store, "backup-s3", one, other);

        assertTrue(refusedOneOf(runs).err().contains("snapshot raced "), runs.toString());
        assertRestoresIdentically(store, runs.first().exitCode() == 0 ? one : other);
    }

    /** What two runs of one plan did, the first held mid-transfer while the second ran. */
    private record Runs(Outcome first, Outcome second) {
    }

    private Runs secondWhileTheFirstIsHeld(Map<String, String> store, Direction transfer, long holdAt, String plan, Path firstCluster,
                                           Path secondCluster) throws Exception {
        proxy.holdAfter(transfer, holdAt);
        LauncherProcess first = start(S3.through(store, proxy), plan, firstCluster);
        proxy.awaitHeld(WITHIN);
        Outcome second = run(store, plan, secondCluster);
        proxy.release();
        return new Runs(first.await(WITHIN).outcome(), second);
    }

    /** Two runs of one plan started at the same moment. */
    private Runs together(Map<String, String> store, String plan, Path firstCluster, Path secondCluster) throws Exception {
        LauncherProcess first = start(store, plan, firstCluster);
        LauncherProcess second = start(store, plan, secondCluster);
        return new Runs(first.await(WITHIN).outcome(), second.await(WITHIN).outcome());
    }

    /** Exactly one run completed; the other was refused, in one line. */
    private static Outcome refusedOneOf(Runs runs) {
        assertEquals(1, (runs.first().exitCode() == 0 ? 1 : 0) + (runs.second().exitCode() == 0 ? 1 : 0), runs.toString());
        Outcome refused = runs.first().exitCode() == 0 ? runs.second() : runs.first();
        assertEquals(1, refused.exitCode(), refused.toString());
        assertEquals(1, refused.err().lines().count(), refused.toString());
        return refused;
    }

    /** A fresh bucket on the shared S3Mock, a proxy in front of it, and the snapshot name. */
    private Map<String, String> store(String snapshot) throws IOException {
        Map<String, String> store = new HashMap<>(S3.newStore(scratch));
        store.put("SNAPSHOT_NAME", snapshot);
        store.put("COMPRESSION", "none");
        store.put("LIFEBOAT_PART_SIZE_MIB", "5");
        proxy = GatedProxy.to("127.0.0.1", URI.create(TestServers.s3Endpoint()).getPort());
        return store;
    }

    private LauncherProcess start(Map<String, String> store, String plan, Path cluster) throws IOException {
        return LauncherProcess.start("", store, scratch, List.of("plan", "start", plan, "--cluster", cluster.toString()));
    }

    private Outcome run(Map<String, String> store, String plan, Path cluster) throws Exception {
        return start(store, plan, cluster).await(WITHIN).outcome();
    }

    private void assertRestoresIdentically(Map<String, String> store, Path source) throws Exception {
        int nodes;
        try (Stream<Path> children = Files.list(source.resolveSibling("nodes"))) {
            nodes = (int) children.count();
        }
        Path target = TrickyCluster.empty(scratch.resolve("restored-" + System.nanoTime()), nodes);
        assertSucceeds(run(store, "restore-s3", target));
        for (int node = 0; node < nodes; node++) {
            assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-" + node)), TreeFingerprint.of(target.resolveSibling("nodes/node-" + node)));
        }
    }

    /** Lifeboat's working folders and locks in node 0's data directory: none should stay after a run. */
    private static List<String> leftovers(Path cluster) throws IOException {
        try (Stream<Path> children = Files.list(cluster.resolveSibling("nodes/node-0"))) {
            return children.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(".lifeboat")).sorted().toList();
        }
    }

    private static void assertSucceeds(Outcome outcome) {
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertEquals("", outcome.err(), outcome.toString());
    }
}
