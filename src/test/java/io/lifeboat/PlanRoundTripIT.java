package io.lifeboat;

import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plans of every store, run from the command line against S3Mock, Azurite and a directory. */
@ExtendWith(TestServers.class)
class PlanRoundTripIT {

    private static final int NODES = 3;

    @TempDir
    Path scratch;

    static Stream<Arguments> storesAndStrategies() {
        return Stream.of(StoreFixture.values())
                .flatMap(store -> Stream.of("serial", "parallel").map(strategy -> Arguments.of(store, strategy)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("storesAndStrategies")
    void restoresByteIdenticalTrees(StoreFixture store, String strategy) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Map<String, String> parameters = parameters(store, "round-trip", "BACKUP_RESTORE_STRATEGY", strategy);

        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        assertEquals(snapshotKeys("round-trip", ".tar.gz", NODES), store.keys(parameters));
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), target, parameters));

        for (int node = 0; node < NODES; node++) {
            SortedMap<String, String> original = TreeFingerprint.of(nodeDir(source, node));
            assertEquals(original, TreeFingerprint.of(nodeDir(target, node)), "node " + node);
            assertTrue(original.containsKey("ks1/users-" + node + "/empty dir"));
            assertTrue(original.keySet().stream().anyMatch(path -> path.length() > 100));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "zstd", "none"})
    void restoresEveryCompression(String compression) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), 2);
        Path target = TrickyCluster.empty(scratch.resolve("target"), 2);
        Map<String, String> parameters = parameters(StoreFixture.S3, "codec", "COMPRESSION", compression,
                "BACKUP_RESTORE_STRATEGY", "parallel");
        String suffix = Map.of("gzip", ".tar.gz", "zstd", ".tar.zst", "none", ".tar").get(compression);

        assertSucceeds(LifeboatCommand.plan("backup-s3", source, parameters));
        assertEquals(snapshotKeys("codec", suffix, 2), StoreFixture.S3.keys(parameters));
        assertTrue(new String(StoreFixture.S3.read(parameters, "codec/manifest.json")).contains("\"compression\" : \"" + compression + "\""));
        parameters.remove("COMPRESSION");
        assertSucceeds(LifeboatCommand.plan("restore-s3", target, parameters));

        for (int node = 0; node < 2; node++) {
            assertEquals(TreeFingerprint.of(nodeDir(source, node)), TreeFingerprint.of(nodeDir(target, node)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = {"S3", "LOCAL"})
    void backsUpAndRestoresOnlyTheKeyspacesAsked(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Map<String, String> parameters = parameters(store, "subset", "KEYSPACES", "ks1 ks3");

        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        assertTrue(new String(store.read(parameters, "subset/manifest.json")).contains("\"keyspaces\" : [ \"ks1\", \"ks3\" ]"));
        parameters.put("KEYSPACES", "ks3");
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), target, parameters));

        for (int node = 0; node < NODES; node++) {
            assertEquals(List.of("ks3"), keyspaces(nodeDir(target, node)));
            assertEquals(TreeFingerprint.of(nodeDir(source, node).resolve("ks3")), TreeFingerprint.of(nodeDir(target, node).resolve("ks3")));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreFixture.class)
    void refusesToRestoreOverAnExistingKeyspace(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Files.writeString(Files.createDirectories(nodeDir(target, 1).resolve("ks2/live_table")).resolve("live-Data.db"), "live data");
        Map<String, String> parameters = parameters(store, "exists");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        SortedMap<String, String> before = TreeFingerprint.of(target.getParent());

        Outcome restore = LifeboatCommand.plan(store.restorePlan(), target, parameters);

        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.err().contains("node 1: keyspace ks2 already exists"), restore.toString());
        assertEquals(before, TreeFingerprint.of(target.getParent()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("storesAndStrategies")
    void refusesACorruptedArchiveAndLeavesNoKeyspace(StoreFixture store, String strategy) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Map<String, String> parameters = parameters(store, "corrupted", "BACKUP_RESTORE_STRATEGY", strategy);
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        byte[] archive = store.read(parameters, "corrupted/node-1.tar.gz");
        archive[archive.length / 2] ^= 0x5a;
        store.write(parameters, "corrupted/node-1.tar.gz", archive);

        Outcome restore = LifeboatCommand.plan(store.restorePlan(), target, parameters);

        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.err().contains("node 1"), restore.toString());
        assertEquals(1, restore.err().lines().count(), restore.toString());
        for (int node = 0; node < NODES; node++) {
            assertEquals(List.of(), entries(nodeDir(target, node)), "node " + node + " holds nothing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "parallel"})
    void aFailedNodeLeavesNoManifestAndNoSnapshotBehind(String strategy) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Map<String, String> parameters = parameters(StoreFixture.LOCAL, "blocked", "BACKUP_RESTORE_STRATEGY", strategy);
        // A directory where node 1's archive must land: its upload cannot be renamed into place.
        Path backupDir = Path.of(parameters.get("BACKUP_DIR"));
        Files.createDirectories(backupDir.resolve("blocked/node-1.tar.gz/in-the-way"));

        Outcome backup = LifeboatCommand.plan("backup-local", source, parameters);

        assertEquals(1, backup.exitCode(), backup.toString());
        assertTrue(backup.err().startsWith("lifeboat plan start backup-local: FAILED: node 1: "), backup.toString());
        assertFalse(Files.exists(backupDir.resolve("blocked/manifest.json")));
        try (Stream<Path> files = Files.walk(scratch)) {
            assertEquals(List.of(), files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(".lifeboat-") || name.endsWith(".partial")).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreFixture.class)
    void refusesASecondBackupUnderTheSameName(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Map<String, String> parameters = parameters(store, "taken");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        byte[] manifest = store.read(parameters, "taken/manifest.json");
        byte[] node0 = store.read(parameters, "taken/node-0.tar.gz");
        Files.writeString(nodeDir(source, 0).resolve("ks1/schema.cql"), "changed since the first backup");

        Outcome second = LifeboatCommand.plan(store.backupPlan(), source, parameters);

        assertEquals(1, second.exitCode(), second.toString());
        assertTrue(second.err().contains("snapshot taken already exists"), second.toString());
        assertEquals(Sha256.of(manifest), Sha256.of(store.read(parameters, "taken/manifest.json")));
        assertEquals(Sha256.of(node0), Sha256.of(store.read(parameters, "taken/node-0.tar.gz")));
    }

    @ParameterizedTest
    @EnumSource(StoreFixture.class)
    void replacesWhatAFailedBackupLeft(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Map<String, String> parameters = parameters(store, "retried");
        store.write(parameters, "retried/node-0.tar.gz", "half an archive".getBytes());
        store.write(parameters, "retried/node-7.tar.gz", "a node that is gone".getBytes());

        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));

        assertEquals(snapshotKeys("retried", ".tar.gz", NODES), store.keys(parameters));
        Outcome listing = LifeboatCommand.run(Map.of(), listWords(store, parameters));
        assertEquals(0, listing.exitCode(), listing.toString());
        assertTrue(listing.out().lines().anyMatch(line -> line.startsWith("retried ") && line.contains("complete")), listing.toString());
    }

    @ParameterizedTest
    @EnumSource(StoreFixture.class)
    void listsIncompleteSnapshotsAsSuch(StoreFixture store) throws IOException {
        Map<String, String> parameters = parameters(store, "unused");
        store.write(parameters, "crashed/node-0.tar.gz", "no manifest beside me".getBytes());

        Outcome listing = LifeboatCommand.run(Map.of(), listWords(store, parameters));

        assertEquals(0, listing.exitCode(), listing.toString());
        assertTrue(listing.out().lines().anyMatch(line -> line.startsWith("crashed ") && line.contains("INCOMPLETE")), listing.toString());
    }

    @ParameterizedTest
    @EnumSource(StoreFixture.class)
    void refusesASnapshotThatIsNotThere(StoreFixture store) throws IOException {
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Outcome restore = LifeboatCommand.plan(store.restorePlan(), target, parameters(store, "never-made"));

        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.err().contains("snapshot never-made not found or incomplete"), restore.toString());
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = "LOCAL")
    void refusesATargetWithoutTheSnapshotsNodes(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Path smaller = TrickyCluster.empty(scratch.resolve("smaller"), 2);
        Map<String, String> parameters = parameters(store, "three-nodes");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));

        Outcome restore = LifeboatCommand.plan(store.restorePlan(), smaller, parameters);

        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.err().contains("has no node 2"), restore.toString());
        assertFalse(Files.exists(nodeDir(smaller, 0)));
    }

    /** The objects of a complete snapshot: the manifest, and per node its archive and file list. */
    static List<String> snapshotKeys(String snapshot, String archiveSuffix, int nodes) {
        List<String> keys = new ArrayList<>(List.of(snapshot + "/manifest.json"));
        for (int node = 0; node < nodes; node++) {
            keys.add(snapshot + "/node-" + node + ".files.jsonl.gz");
            keys.add(snapshot + "/node-" + node + archiveSuffix);
        }
        return keys.stream().sorted().toList();
    }

    private Map<String, String> parameters(StoreFixture store, String snapshot, String... extra) throws IOException {
        return store.planParameters(scratch, snapshot, extra);
    }

    private static String[] listWords(StoreFixture store, Map<String, String> parameters) {
        List<String> words = new ArrayList<>(List.of("snapshots", "list", store.label()));
        parameters.forEach((name, value) -> {
            if (!name.equals("SNAPSHOT_NAME")) {
                words.add("-p");
                words.add(name + "=" + value);
            }
        });
        return words.toArray(String[]::new);
    }

    private static void assertSucceeds(Outcome outcome) {
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("COMPLETE"), outcome.toString());
    }

    static Path nodeDir(Path clusterFile, int node) {
        return clusterFile.getParent().resolve("nodes/node-" + node);
    }

    private static List<String> keyspaces(Path dataDir) throws IOException {
        return entries(dataDir).stream().filter(name -> Files.isDirectory(dataDir.resolve(name))).toList();
    }

    private static List<String> entries(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dataDir)) {
            return children.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
