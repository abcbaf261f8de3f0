package io.lifeboat;

import io.lifeboat.cluster.TreeFingerprint;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Differential backups of every store, from the command line against S3Mock, Azurite and a directory. */
@ExtendWith(TestServers.class)
class DifferentialBackupIT {

    private static final int NODES = 3;
    private static final String FILES = ".lifeboat/files/";

    @TempDir
    Path scratch;

    static Stream<Arguments> storesAndStrategies() {
        return Stream.of(StoreFixture.values())
                .flatMap(store -> Stream.of("serial", "parallel").map(strategy -> Arguments.of(store, strategy)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("storesAndStrategies")
    void restoresByteIdenticalTreesFileByFile(StoreFixture store, String strategy) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Map<String, String> parameters = store.planParameters(scratch, "first", "BACKUP_MODE", "differential",
                "BACKUP_RESTORE_STRATEGY", strategy);

        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        List<String> keys = store.keys(parameters);
        assertTrue(keys.contains("first/manifest.json"), keys.toString());
        assertFalse(keys.stream().anyMatch(key -> key.endsWith(".tar.gz")), keys.toString());
        // Every regular file of every node is an object of its own, under its path in the node.
        assertEquals(regularFiles(source), keys.stream().filter(key -> key.startsWith(FILES)).count(), keys.toString());
        assertTrue(keys.stream().anyMatch(key -> key.startsWith(FILES + "first/") && key.endsWith("/node-1/ks2/users-1/données été ✓.txt")),
                keys.toString());
        parameters.remove("BACKUP_MODE");
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), target, parameters));

        for (int node = 0; node < NODES; node++) {
            assertEquals(TreeFingerprint.of(nodeDir(source, node)), TreeFingerprint.of(nodeDir(target, node)), "node " + node);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreFixture.class)
    void aSecondBackupUploadsOnlyTheNewFileAndBothRestore(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Map<String, String> first = store.planParameters(scratch, "monday", "BACKUP_MODE", "differential");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, first));
        SortedMap<Integer, SortedMap<String, String>> monday = trees(source);
        List<String> objectsAfterMonday = objects(store, first);
        byte[] sstable = new byte[300_000];
        new Random(7).nextBytes(sstable);
        Files.write(nodeDir(source, 1).resolve("ks2/users-1/nb-3-big-Data.db"), sstable);

        Map<String, String> second = withSnapshot(first, "tuesday");
        Outcome tuesday = LifeboatCommand.plan(store.backupPlan(), source, second);

        assertSucceeds(tuesday);
        List<String> added = objects(store, second).stream().filter(key -> !objectsAfterMonday.contains(key)).toList();
        assertEquals(1, added.size(), added.toString());
        assertTrue(added.get(0).startsWith(FILES + "tuesday/") && added.get(0).endsWith("/node-1/ks2/users-1/nb-3-big-Data.db"), added.toString());
        assertEquals(sstable.length, store.read(second, added.get(0)).length, "random bytes are stored as they are");
        String manifest = new String(store.read(second, "tuesday/manifest.json"));
        assertTrue(manifest.contains("\"base\" : \"monday\""), manifest);
        assertEquals(List.of(0L, 1L, 0L), numbers(manifest, "uploadedFiles"), manifest);
        assertEquals(List.of(0L, (long) sstable.length, 0L), numbers(manifest, "uploadedBytes"), manifest);

        Path mondayTarget = TrickyCluster.empty(scratch.resolve("monday-target"), NODES);
        Path tuesdayTarget = TrickyCluster.empty(scratch.resolve("tuesday-target"), NODES);
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), mondayTarget, restoring(first, "monday")));
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), tuesdayTarget, restoring(first, "tuesday")));
        assertEquals(monday, trees(mondayTarget));
        assertEquals(trees(source), trees(tuesdayTarget));
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = {"S3", "LOCAL"})
    void fullAndDifferentialSnapshotsLiveSideBySide(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Map<String, String> differential = store.planParameters(scratch, "diff", "BACKUP_MODE", "differential");
        Map<String, String> full = withSnapshot(differential, "full");
        full.put("BACKUP_MODE", "full");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, differential));
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, full));

        assertEquals(PlanRoundTripIT.snapshotKeys("full", ".tar.gz", NODES),
                store.keys(full).stream().filter(key -> key.startsWith("full/")).toList());
        Outcome listing = LifeboatCommand.run(Map.of(), listWords(store, full));
        assertEquals(0, listing.exitCode(), listing.toString());
        assertEquals(List.of("diff", "full"), listing.out().lines().filter(line -> line.contains("complete"))
                .map(line -> line.split(" ")[0]).toList(), listing.toString());
        for (String snapshot : List.of("diff", "full")) {
            Path target = TrickyCluster.empty(scratch.resolve(snapshot + "-target"), NODES);
            assertSucceeds(LifeboatCommand.plan(store.restorePlan(), target, restoring(full, snapshot)));
            assertEquals(trees(source), trees(target), snapshot);
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = "LOCAL")
    void aFailedBackupLeavesNoneOfTheFilesItUploaded(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Map<String, String> parameters = store.planParameters(scratch, "blocked", "BACKUP_MODE", "differential");
        // A directory where node 1's file list must land: its upload cannot be renamed into place, after node 0's files went up.
        Files.createDirectories(Path.of(parameters.get("BACKUP_DIR")).resolve("blocked/node-1.files.jsonl.gz/in-the-way"));

        Outcome backup = LifeboatCommand.plan(store.backupPlan(), source, parameters);

        assertEquals(1, backup.exitCode(), backup.toString());
        assertTrue(backup.err().startsWith("lifeboat plan start backup-local: FAILED: node 1: "), backup.toString());
        assertEquals(List.of(), store.keys(parameters).stream().filter(key -> !key.startsWith(".lifeboat/snapshots/")).toList());
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = {"S3", "LOCAL"})
    void refusesAFlippedByteInAFileAndLeavesNoKeyspace(StoreFixture store) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Map<String, String> parameters = store.planParameters(scratch, "flipped", "BACKUP_MODE", "differential");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        String victim = objects(store, parameters).stream().filter(key -> key.endsWith("/node-2/ks1/users-2/nb-1-big-Data.db")).findFirst()
                .orElseThrow();
        byte[] bytes = store.read(parameters, victim);
        bytes[bytes.length / 2] ^= 0x5a;
        store.write(parameters, victim, bytes);
        parameters.remove("BACKUP_MODE");

        Outcome restore = LifeboatCommand.plan(store.restorePlan(), target, parameters);

        assertEquals(1, restore.exitCode(), restore.toString());
        assertEquals(1, restore.err().lines().count(), restore.toString());
        assertTrue(restore.err().contains("node 2: " + victim), restore.toString());
        for (int node = 0; node < NODES; node++) {
            assertEquals(List.of(), entries(nodeDir(target, node)), "node " + node + " holds nothing");
        }
    }

    private static List<Path> entries(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dataDir)) {
            return children.toList();
        }
    }

    private static List<String> objects(StoreFixture store, Map<String, String> parameters) throws IOException {
        return store.keys(parameters).stream().filter(key -> key.startsWith(FILES)).toList();
    }

    private static List<Long> numbers(String manifest, String field) {
        List<Long> numbers = new ArrayList<>();
        Matcher matcher = Pattern.compile("\"" + field + "\" : (\\d+)").matcher(manifest);
        while (matcher.find()) {
            numbers.add(Long.parseLong(matcher.group(1)));
        }
        return numbers;
    }

    private static Map<String, String> withSnapshot(Map<String, String> parameters, String snapshot) {
        Map<String, String> copy = new HashMap<>(parameters);
        copy.put("SNAPSHOT_NAME", snapshot);
        return copy;
    }

    /** The parameters of a restore of {@code snapshot}: a restore follows the manifest, it takes no BACKUP_MODE. */
    private static Map<String, String> restoring(Map<String, String> parameters, String snapshot) {
        Map<String, String> restore = withSnapshot(parameters, snapshot);
        restore.remove("BACKUP_MODE");
        return restore;
    }

    private static SortedMap<Integer, SortedMap<String, String>> trees(Path clusterFile) throws IOException {
        SortedMap<Integer, SortedMap<String, String>> trees = new TreeMap<>();
        for (int node = 0; node < NODES; node++) {
            trees.put(node, TreeFingerprint.of(nodeDir(clusterFile, node)));
        }
        return trees;
    }

    private static long regularFiles(Path clusterFile) throws IOException {
        try (Stream<Path> files = Files.walk(clusterFile.getParent().resolve("nodes"))) {
            return files.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).count();
        }
    }

    private static String[] listWords(StoreFixture store, Map<String, String> parameters) {
        List<String> words = new ArrayList<>(List.of("snapshots", "list", store.label()));
        parameters.forEach((name, value) -> {
            if (!name.equals("SNAPSHOT_NAME") && !name.equals("BACKUP_MODE")) {
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

    private static Path nodeDir(Path clusterFile, int node) {
        return PlanRoundTripIT.nodeDir(clusterFile, node);
    }
}
