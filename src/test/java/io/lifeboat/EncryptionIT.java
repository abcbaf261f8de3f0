package io.lifeboat;

import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encrypted backups on every store, in both modes, from the command line: what the store holds says nothing of the
 * data or its names, and whatever is wrong (no key, the wrong key, a changed object, a swapped manifest) stops a
 * restore before anything is written.
 */
@ExtendWith(TestServers.class)
class EncryptionIT {

    private static final int NODES = 2;
    /** In a file's bytes and in a table's name: neither may be found in the store. */
    private static final String MARKER = "PLAINTEXT-MARKER-7f3a";
    private static final String MARKED_FILE = "ks1/secret_table_" + MARKER + "/nb-1-big-Data.db";

    @TempDir
    Path scratch;
    private Path source;
    private Path key;

    @BeforeEach
    void cluster() throws IOException {
        source = TrickyCluster.write(scratch.resolve("source"), NODES);
        for (int node = 0; node < NODES; node++) {
            Path file = nodeDir(source, node).resolve(MARKED_FILE);
            Files.createDirectories(file.getParent());
            Files.writeString(file, (MARKER + " row " + node + "\n").repeat(2000));
        }
        key = generateKey("backup.key");
    }

    static Stream<Arguments> storesAndModes() {
        return Stream.of(StoreFixture.values()).flatMap(store -> Stream.of("full", "differential").map(mode -> Arguments.of(store, mode)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("storesAndModes")
    void roundTripsWhileTheStoreHoldsOnlyCiphertext(StoreFixture store, String mode) throws IOException {
        Map<String, String> parameters = store.planParameters(scratch, "sealed", "BACKUP_MODE", mode, "COMPRESSION", "none",
                "ENCRYPTION_KEY_FILE", key.toString());
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));

        List<String> keys = store.keys(parameters);
        assertTrue(keys.contains("sealed/encryption.json") && keys.contains("sealed/manifest.json"), keys.toString());
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        byte[] keyMaterial = Files.readString(key).replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1").getBytes(StandardCharsets.UTF_8);
        for (String object : keys) {
            assertFalse(contains(store.read(parameters, object), keyMaterial), object + " holds the key file's key");
            assertFalse(object.contains(MARKER), object);
            assertFalse(object.contains("users-") || object.contains("ks1"), "a key names a table: " + object);
            assertFalse(contains(store.read(parameters, object), marker), object + " holds the marker");
        }
        Outcome listing = LifeboatCommand.run(Map.of(), words("snapshots", "list", store, parameters, "SNAPSHOT_NAME", "BACKUP_MODE",
                "COMPRESSION", "ENCRYPTION_KEY_FILE"));
        assertEquals(0, listing.exitCode(), listing.toString());
        assertTrue(listing.out().lines().anyMatch(line -> line.startsWith("sealed ") && line.contains("complete") && line.endsWith("key "
                + keyId(key))), listing.toString());

        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), target, restoring(parameters)));
        assertEquals(trees(source), trees(target));
    }

    @Test
    void aSecondDifferentialBackupSealsOnlyTheNewFileAndTheFirstStillRestores() throws IOException {
        StoreFixture store = StoreFixture.S3;
        Map<String, String> monday = store.planParameters(scratch, "monday", "BACKUP_MODE", "differential", "ENCRYPTION_KEY_FILE", key.toString());
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, monday));
        SortedMap<Integer, SortedMap<String, String>> mondayTrees = trees(source);
        List<String> before = store.keys(monday);
        Files.writeString(nodeDir(source, 1).resolve("ks2/users-1/nb-9-big-Data.db"), "a new sstable");

        Map<String, String> tuesday = new HashMap<>(monday);
        tuesday.put("SNAPSHOT_NAME", "tuesday");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, tuesday));

        List<String> added = store.keys(tuesday).stream().filter(object -> !before.contains(object) && object.startsWith(".lifeboat/files/"))
                .toList();
        assertEquals(1, added.size(), added.toString());
        assertTrue(added.get(0).matches("\\.lifeboat/files/tuesday/[^/]+/node-1/\\d+\\.sealed"), added.toString());
        // The data key of monday, which sealed the files tuesday shares, travels in tuesday's own keys.
        String tuesdayKeys = new String(store.read(tuesday, "tuesday/encryption.json"), StandardCharsets.UTF_8);
        String mondayKeys = new String(store.read(tuesday, "monday/encryption.json"), StandardCharsets.UTF_8);
        String mondayDataKey = mondayKeys.replaceAll("(?s).*\"dataKey\" : \"([0-9a-f]+)\".*", "$1");
        assertTrue(tuesdayKeys.contains("\"" + mondayDataKey + "\""), tuesdayKeys);

        Path mondayTarget = TrickyCluster.empty(scratch.resolve("monday-target"), NODES);
        Path tuesdayTarget = TrickyCluster.empty(scratch.resolve("tuesday-target"), NODES);
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), mondayTarget, restoring(monday)));
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), tuesdayTarget, restoring(tuesday)));
        assertEquals(mondayTrees, trees(mondayTarget));
        assertEquals(trees(source), trees(tuesdayTarget));
        Outcome verify = LifeboatCommand.run(Map.of(), words("snapshots", "verify", store, tuesday, "--read-data"));
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains("VERIFIED"), verify.toString());
    }

    @Test
    void withoutTheKeyOrWithAnotherRefusesBeforeWritingAnything() throws IOException {
        StoreFixture store = StoreFixture.LOCAL;
        Map<String, String> parameters = store.planParameters(scratch, "sealed", "ENCRYPTION_KEY_FILE", key.toString());
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);

        Map<String, String> keyless = restoring(parameters);
        keyless.remove("ENCRYPTION_KEY_FILE");
        Outcome missing = LifeboatCommand.plan(store.restorePlan(), target, keyless);
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals("lifeboat plan start restore-local: snapshot sealed is encrypted (key " + keyId(key)
                + "): give its key file with -p ENCRYPTION_KEY_FILE=FILE", missing.err().strip());

        Map<String, String> wrong = restoring(parameters);
        wrong.put("ENCRYPTION_KEY_FILE", generateKey("other.key").toString());
        Outcome refused = LifeboatCommand.plan(store.restorePlan(), target, wrong);
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().strip().endsWith("snapshot sealed is encrypted with key " + keyId(key) + ", but the key file given holds key "
                + keyId(scratch.resolve("other.key"))), refused.toString());
        assertEquals(1, refused.err().lines().count(), refused.toString());
        assertNothingRestored(target);

        Outcome verify = LifeboatCommand.run(Map.of(), words("snapshots", "verify", store, keyless));
        assertEquals(2, verify.exitCode(), verify.toString());
    }

    @Test
    void aChangedObjectOrASwappedManifestIsRefusedByRestoreAndByVerify() throws IOException {
        StoreFixture store = StoreFixture.S3;
        Map<String, String> parameters = store.planParameters(scratch, "first", "ENCRYPTION_KEY_FILE", key.toString());
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        Map<String, String> second = new HashMap<>(parameters);
        second.put("SNAPSHOT_NAME", "second");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, second));

        byte[] archive = store.read(parameters, "first/node-1.tar.gz");
        archive[archive.length / 2] ^= 1;
        store.write(parameters, "first/node-1.tar.gz", archive);
        Outcome verify = LifeboatCommand.run(Map.of(), words("snapshots", "verify", store, parameters, "--read-data"));
        assertEquals(1, verify.exitCode(), verify.toString());
        assertTrue(verify.err().contains("first/node-1.tar.gz") && verify.err().contains("does not authenticate"), verify.toString());
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Outcome restore = LifeboatCommand.plan(store.restorePlan(), target, restoring(parameters));
        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.err().contains("node 1: ") && restore.err().contains("first/node-1.tar.gz"), restore.toString());
        assertEquals(1, restore.err().lines().count(), restore.toString());
        assertNothingRestored(target);

        store.write(second, "second/manifest.json", store.read(second, "first/manifest.json"));
        Outcome swapped = LifeboatCommand.plan(store.restorePlan(), target, restoring(second));
        assertEquals(1, swapped.exitCode(), swapped.toString());
        assertTrue(swapped.err().contains("second/manifest.json is damaged"), swapped.toString());
        Outcome verifySwapped = LifeboatCommand.run(Map.of(), words("snapshots", "verify", store, second));
        assertEquals(1, verifySwapped.exitCode(), verifySwapped.toString());
        assertNothingRestored(target);
    }

    @Test
    void afterARotationOnlyTheNewKeyOpensTheSnapshots() throws IOException {
        StoreFixture store = StoreFixture.AZURE;
        Map<String, String> parameters = store.planParameters(scratch, "rotated", "BACKUP_MODE", "differential", "ENCRYPTION_KEY_FILE",
                key.toString());
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));
        Path next = generateKey("next.key");

        Outcome rotate = LifeboatCommand.run(Map.of(), words("keys", "rotate", store, parameters, "SNAPSHOT_NAME", "BACKUP_MODE",
                "--new-key-file", next.toString()));
        assertEquals(0, rotate.exitCode(), rotate.toString());
        assertTrue(rotate.out().contains("1 snapshots rotated to key " + keyId(next) + ", 0 already under it"), rotate.toString());
        Outcome again = LifeboatCommand.run(Map.of(), words("keys", "rotate", store, parameters, "SNAPSHOT_NAME", "BACKUP_MODE",
                "--new-key-file", next.toString()));
        assertTrue(again.out().contains("0 snapshots rotated to key " + keyId(next) + ", 1 already under it"), again.toString());

        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        Outcome old = LifeboatCommand.plan(store.restorePlan(), target, restoring(parameters));
        assertEquals(1, old.exitCode(), old.toString());
        assertTrue(old.err().contains("is encrypted with key " + keyId(next)), old.toString());
        Map<String, String> withNext = restoring(parameters);
        withNext.put("ENCRYPTION_KEY_FILE", next.toString());
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), target, withNext));
        assertEquals(trees(source), trees(target));
        Outcome listing = LifeboatCommand.run(Map.of(), words("snapshots", "list", store, withNext, "SNAPSHOT_NAME", "ENCRYPTION_KEY_FILE"));
        assertTrue(listing.out().contains("key " + keyId(next)) && !listing.out().contains("key " + keyId(key)), listing.toString());
    }

    @Test
    void catStreamsAnArchiveDecryptedForTarAndAPurgeAsksForTheKey() throws IOException {
        StoreFixture store = StoreFixture.LOCAL;
        Map<String, String> parameters = store.planParameters(scratch, "by-hand", "ENCRYPTION_KEY_FILE", key.toString());
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, parameters));

        List<String> catWords = new ArrayList<>(List.of("cat", "local"));
        catWords.addAll(List.of("-p", "BACKUP_DIR=" + parameters.get("BACKUP_DIR"), "-p", "ENCRYPTION_KEY_FILE=" + key));
        catWords.add("by-hand/node-0.tar.gz");
        byte[] archive = LifeboatCommand.bytes(catWords.toArray(String[]::new));
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertTrue(names.stream().anyMatch(name -> name.endsWith(MARKED_FILE)), names.toString());
        catWords.set(catWords.size() - 1, "by-hand/manifest.json");
        String manifest = new String(LifeboatCommand.bytes(catWords.toArray(String[]::new)), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"snapshot\" : \"by-hand\""), manifest);

        Map<String, String> differential = new HashMap<>(parameters);
        differential.put("SNAPSHOT_NAME", "diff");
        differential.put("BACKUP_MODE", "differential");
        assertSucceeds(LifeboatCommand.plan(store.backupPlan(), source, differential));
        Map<String, String> keyless = new HashMap<>(Map.of("BACKUP_DIR", parameters.get("BACKUP_DIR")));
        List<String> beforePurge = store.keys(keyless);
        Outcome purge = LifeboatCommand.run(Map.of(), words("snapshots", "purge", store, keyless, "--keep-last", "1"));
        assertEquals(2, purge.exitCode(), purge.toString());
        assertEquals(beforePurge, store.keys(keyless), "a refused purge deletes nothing");
        assertTrue(purge.err().contains("diff (key " + keyId(key) + ")"), purge.toString());
        Outcome purged = LifeboatCommand.run(Map.of(), words("snapshots", "purge", store, Map.of("BACKUP_DIR", parameters.get("BACKUP_DIR"),
                "ENCRYPTION_KEY_FILE", key.toString()), "--keep-last", "1"));
        assertEquals(0, purged.exitCode(), purged.toString());
        Path target = TrickyCluster.empty(scratch.resolve("target"), NODES);
        assertSucceeds(LifeboatCommand.plan(store.restorePlan(), target, restoring(differential)));
        assertEquals(trees(source), trees(target));
    }

    private Path generateKey(String name) {
        Path file = scratch.resolve(name);
        Outcome generated = LifeboatCommand.run(Map.of(), "keys", "generate", file.toString());
        assertEquals(0, generated.exitCode(), generated.toString());
        assertTrue(generated.out().startsWith("wrote key " + keyId(file) + " to "), generated.toString());
        return file;
    }

    /** The id the key file's own primary key has: what lifeboat prints and names. */
    private static String keyId(Path keyFile) {
        try {
            String json = Files.readString(keyFile);
            long id = Long.parseLong(json.replaceAll("(?s).*\"primaryKeyId\"\\s*:\\s*(-?\\d+).*", "$1"));
            return String.format("%08x", (int) id);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code command subcommand store -p ...} with the store's parameters, less {@code dropped} names; options after them. */
    private static String[] words(String command, String subcommand, StoreFixture store, Map<String, String> parameters, String... rest) {
        List<String> words = new ArrayList<>(List.of(command, subcommand, store.label()));
        List<String> dropped = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < rest.length; i++) {
            if (rest[i].startsWith("--")) {
                options.add(rest[i]);
                if (i + 1 < rest.length && !rest[i + 1].startsWith("--") && !rest[i + 1].matches("[A-Z_]+")) {
                    options.add(rest[++i]);
                }
            } else {
                dropped.add(rest[i]);
            }
        }
        parameters.forEach((name, value) -> {
            if (!dropped.contains(name) && !name.equals("BACKUP_MODE") && !name.equals("COMPRESSION")) {
                words.add("-p");
                words.add(name + "=" + value);
            }
        });
        words.addAll(options);
        return words.toArray(String[]::new);
    }

    private static Map<String, String> restoring(Map<String, String> parameters) {
        Map<String, String> restore = new HashMap<>(parameters);
        restore.remove("BACKUP_MODE");
        restore.remove("COMPRESSION");
        return restore;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static SortedMap<Integer, SortedMap<String, String>> trees(Path clusterFile) throws IOException {
        SortedMap<Integer, SortedMap<String, String>> trees = new TreeMap<>();
        for (int node = 0; node < NODES; node++) {
            trees.put(node, TreeFingerprint.of(nodeDir(clusterFile, node)));
        }
        return trees;
    }

    private static void assertSucceeds(Outcome outcome) {
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("COMPLETE"), outcome.toString());
    }

    /** Every target node is as it was: no data directory, or an empty one. */
    private static void assertNothingRestored(Path clusterFile) {
        for (int node = 0; node < NODES; node++) {
            String[] entries = nodeDir(clusterFile, node).toFile().list();
            assertTrue(entries == null || entries.length == 0, "node " + node + " holds " + (entries == null ? "" : List.of(entries)));
        }
    }

    private static Path nodeDir(Path clusterFile, int node) {
        return PlanRoundTripIT.nodeDir(clusterFile, node);
    }
}
