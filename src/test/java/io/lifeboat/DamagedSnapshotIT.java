package io.lifeboat;

import io.lifeboat.app.Lifeboat;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot damaged in the store after its backup: a truncated, missing or grown object, a damaged file list,
 * a malformed or incomplete manifest. Each restore is refused before it writes anything, with one line naming
 * the object and what is wrong with it.
 */
@ExtendWith(TestServers.class)
class DamagedSnapshotIT {

    private static final String SNAPSHOT = "damaged";
    private static final String MANIFEST = SNAPSHOT + "/manifest.json";
    private static final String ARCHIVE = SNAPSHOT + "/node-1.tar.gz";
    private static final String FILE_LIST = SNAPSHOT + "/node-1.files.jsonl.gz";

    @TempDir
    Path scratch;

    /** Damage done to a stored snapshot, and the words the refusal must say. */
    @FunctionalInterface
    interface Damage {
        /** Damages the store; returns what the refusal must say, after "FAILED: ". */
        String doTo(StoreFixture store, Map<String, String> parameters) throws IOException;
    }

    static Stream<Arguments> damages() {
        Map<String, Damage> damages = new java.util.LinkedHashMap<>();
        damages.put("truncated archive", (store, parameters) -> {
            byte[] archive = store.read(parameters, ARCHIVE);
            store.write(parameters, ARCHIVE, Arrays.copyOf(archive, archive.length / 2));
            return "node 1: " + ARCHIVE + " is truncated: the store holds " + archive.length / 2 + " of the " + archive.length
                    + " bytes the manifest lists";
        });
        damages.put("grown archive", (store, parameters) -> {
            byte[] archive = store.read(parameters, ARCHIVE);
            store.write(parameters, ARCHIVE, Arrays.copyOf(archive, archive.length + 7));
            return "node 1: " + ARCHIVE + " is " + (archive.length + 7) + " bytes in the store, but the manifest lists " + archive.length;
        });
        damages.put("missing archive", (store, parameters) -> {
            store.delete(parameters, ARCHIVE);
            return "node 1: " + ARCHIVE + " is missing from ";
        });
        damages.put("missing file list", (store, parameters) -> {
            store.delete(parameters, FILE_LIST);
            return "node 1: " + FILE_LIST + " is missing from ";
        });
        damages.put("corrupt file list", (store, parameters) -> {
            byte[] list = store.read(parameters, FILE_LIST);
            list[list.length / 2] ^= 0x21;
            store.write(parameters, FILE_LIST, list);
            return "node 1: " + FILE_LIST + " ";
        });
        damages.put("manifest not JSON", (store, parameters) -> {
            store.write(parameters, MANIFEST, "this is not a manifest".getBytes(StandardCharsets.UTF_8));
            return MANIFEST + " is not a valid manifest: it is not JSON (it may be truncated)";
        });
        damages.put("manifest truncated", (store, parameters) -> {
            byte[] manifest = store.read(parameters, MANIFEST);
            store.write(parameters, MANIFEST, Arrays.copyOf(manifest, manifest.length / 2));
            return MANIFEST + " is not a valid manifest: it is not JSON (it may be truncated)";
        });
        damages.put("manifest without nodes", (store, parameters) -> {
            edit(store, parameters, "\"nodes\" : [", "\"nodes\" : null, \"unused\" : [");
            return MANIFEST + " is not a valid manifest: nodes is missing";
        });
        damages.put("node without object", (store, parameters) -> {
            edit(store, parameters, "\"object\" : \"" + ARCHIVE + "\"", "\"object\" : null");
            return MANIFEST + " is not a valid manifest: nodes[1].object is missing";
        });
        damages.put("manifest of a newer format", (store, parameters) -> {
            edit(store, parameters, "\"formatVersion\" : 2", "\"formatVersion\" : 5");
            return MANIFEST + " has format 5, which this Lifeboat does not read (it reads 1 to 4); use a newer Lifeboat";
        });
        return Stream.of(StoreFixture.S3, StoreFixture.LOCAL)
                .flatMap(store -> damages.entrySet().stream().map(damage -> Arguments.of(store, damage.getKey(), damage.getValue())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("damages")
    void aRestoreOfADamagedSnapshotIsRefusedInWordsBeforeItWrites(StoreFixture store, String label, Damage damage) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), 2);
        Path target = TrickyCluster.empty(scratch.resolve("target"), 2);
        Map<String, String> parameters = store.planParameters(scratch, SNAPSHOT);
        Outcome backup = LifeboatCommand.plan(store.backupPlan(), source, parameters);
        assertEquals(0, backup.exitCode(), backup.toString());

        String refusal = damage.doTo(store, parameters);
        Outcome restore = LifeboatCommand.plan(store.restorePlan(), target, parameters);

        assertEquals(1, restore.exitCode(), restore.toString());
        assertEquals(1, restore.err().lines().count(), restore.toString());
        assertTrue(restore.err().startsWith("lifeboat plan start " + store.restorePlan() + ": FAILED: " + refusal), restore.err());
        assertFalse(Files.exists(target.resolveSibling("nodes")), "nothing was written on the target");
    }

    private static void edit(StoreFixture store, Map<String, String> parameters, String from, String to) throws IOException {
        String manifest = new String(store.read(parameters, MANIFEST), StandardCharsets.UTF_8);
        assertTrue(manifest.contains(from), manifest);
        store.write(parameters, MANIFEST, manifest.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }
}
