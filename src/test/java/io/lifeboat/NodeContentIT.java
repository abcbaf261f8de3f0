package io.lifeboat;

import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.Tmpfs;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a node holds besides plain folders and files, and disks that fill up: a backup saves it or refuses at
 * once saying why, never stores what its own restore would reject, and a full disk ends a plan in one line
 * with nothing half-written, after which the same plan, given room, succeeds.
 */
class NodeContentIT {

    @TempDir
    Path scratch;

    @Test
    void keyspacesAndFilesLinkedFromElsewhereAreSavedAsWhatTheyHold() throws IOException {
        Path source = TrickyCluster.empty(scratch.resolve("source"), 1);
        Path node = Files.createDirectories(source.resolveSibling("nodes/node-0"));
        Path elsewhere = Files.createDirectories(scratch.resolve("other-disk"));
        Files.write(Files.createDirectories(elsewhere.resolve("metrics/events-1")).resolve("nb-1-big-Data.db"), random(200_000));
        Files.createSymbolicLink(node.resolve("metrics"), elsewhere.resolve("metrics"));
        Files.write(Files.createDirectories(node.resolve("shop/orders-2")).resolve("nb-1-big-Data.db"), random(5_000));
        Files.write(elsewhere.resolve("lone-Data.db"), random(3_000));
        Files.createSymbolicLink(node.resolve("shop/orders-2/nb-2-big-Data.db"), elsewhere.resolve("lone-Data.db"));
        Files.createSymbolicLink(node.resolve("shop/orders-2/latest"), Path.of("nb-1-big-Data.db"));
        Path target = TrickyCluster.empty(scratch.resolve("target"), 1);
        Map<String, String> store = StoreFixture.LOCAL.planParameters(scratch, "linked");

        succeeds(LifeboatCommand.plan("backup-local", source, store));
        succeeds(LifeboatCommand.plan("restore-local", target, store));

        Path restored = target.resolveSibling("nodes/node-0");
        assertTrue(Files.isDirectory(restored.resolve("metrics"), LinkOption.NOFOLLOW_LINKS), "the linked keyspace came back as a folder");
        assertEquals(TreeFingerprint.of(elsewhere.resolve("metrics")), TreeFingerprint.of(restored.resolve("metrics")));
        assertEquals(Files.readString(elsewhere.resolve("lone-Data.db"), java.nio.charset.StandardCharsets.ISO_8859_1),
                Files.readString(restored.resolve("shop/orders-2/nb-2-big-Data.db"), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(Path.of("nb-1-big-Data.db"), Files.readSymbolicLink(restored.resolve("shop/orders-2/latest")), "a link inside stays a link");
    }

    @Test
    void aBackupRefusesWhatItCannotSaveNamingIt() throws Exception {
        Path source = TrickyCluster.write(scratch.resolve("source"), 1);
        Path table = source.resolveSibling("nodes/node-0/ks2/users-0");
        Map<String, String> store = StoreFixture.LOCAL.planParameters(scratch, "refused");

        Files.createSymbolicLink(table.resolve("gone"), scratch.resolve("nothing-here"));
        refused(LifeboatCommand.plan("backup-local", source, store), "ks2/users-0/gone is a link to " + scratch.resolve("nothing-here")
                + ", which does not exist", store);
        Files.delete(table.resolve("gone"));

        assertEquals(0, new ProcessBuilder("mkfifo", table.resolve("a-fifo").toString()).start().waitFor());
        refused(LifeboatCommand.plan("backup-local", source, store),
                "ks2/users-0/a-fifo is a special file (FIFO, socket or device), which a backup cannot save", store);
        Files.delete(table.resolve("a-fifo"));

        try (Tmpfs otherDisk = Tmpfs.mount(scratch.resolve("other-disk"), "4m")) {
            Files.writeString(Files.createDirectories(otherDisk.path().resolve("t")).resolve("nb-1-big-Data.db"), "on another disk");
            Files.createSymbolicLink(source.resolveSibling("nodes/node-0/ks4"), otherDisk.path());
            refused(LifeboatCommand.plan("backup-local", source, store), "ks4 lies on another file system", store);
            Files.delete(source.resolveSibling("nodes/node-0/ks4"));
        }

        succeeds(LifeboatCommand.plan("backup-local", source, store));
    }

    @Test
    void aFullBackupDirectoryEndsTheBackupInOneLineAndTheRerunWithRoomSucceeds() throws Exception {
        Path source = TrickyCluster.large(scratch.resolve("source"), 2, 3 * 1024 * 1024);
        try (Tmpfs disk = Tmpfs.mount(scratch.resolve("backups"), "4m")) {
            Map<String, String> store = Map.of("BACKUP_DIR", disk.path().toString(), "SNAPSHOT_NAME", "full", "COMPRESSION", "none");

            Outcome full = LifeboatCommand.plan("backup-local", source, store);

            assertEquals(1, full.exitCode(), full.toString());
            assertEquals(1, full.err().lines().count(), full.toString());
            assertTrue(full.err().contains(": no space left on device"), full.err());
            assertTrue(full.err().contains("FAILED: node 1: ") || full.err().contains("FAILED: node 0: "), full.err());
            assertEquals(List.of(), StoreFixture.LOCAL.keys(store), "nothing half-written in the store");
            assertEquals(List.of(), StoreFixture.LOCAL.unfinishedUploads(store));

            disk.resize("32m");
            succeeds(LifeboatCommand.plan("backup-local", source, store));
            Path target = TrickyCluster.empty(scratch.resolve("target"), 2);
            succeeds(LifeboatCommand.plan("restore-local", target, Map.of("BACKUP_DIR", disk.path().toString(), "SNAPSHOT_NAME", "full")));
            for (int node = 0; node < 2; node++) {
                assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-" + node)), TreeFingerprint.of(target.resolveSibling("nodes/node-" + node)));
            }
        }
    }

    @Test
    void aFullNodeEndsTheRestoreInOneLineWithNoKeyspaceAndTheRerunWithRoomSucceeds() throws Exception {
        Path source = TrickyCluster.large(scratch.resolve("source"), 1, 6 * 1024 * 1024);
        Map<String, String> store = StoreFixture.LOCAL.planParameters(scratch, "into-a-full-node");
        Map<String, String> backup = new java.util.HashMap<>(store);
        backup.put("COMPRESSION", "none");
        succeeds(LifeboatCommand.plan("backup-local", source, backup));
        Path target = TrickyCluster.empty(scratch.resolve("target"), 1);
        try (Tmpfs disk = Tmpfs.mount(target.resolveSibling("nodes/node-0"), "4m")) {

            Outcome full = LifeboatCommand.plan("restore-local", target, store);

            assertEquals(1, full.exitCode(), full.toString());
            assertEquals(1, full.err().lines().count(), full.toString());
            assertTrue(full.err().startsWith("lifeboat plan start restore-local: FAILED: node 0: could not write " + disk.path()), full.err());
            assertTrue(full.err().strip().endsWith(": no space left on device"), full.err());
            try (Stream<Path> left = Files.list(disk.path())) {
                assertEquals(List.of(), left.toList(), "no keyspace, no staging, no lock");
            }

            disk.resize("32m");
            succeeds(LifeboatCommand.plan("restore-local", target, store));
            assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-0")), TreeFingerprint.of(disk.path()));
        }
    }

    private static void refused(Outcome outcome, String why, Map<String, String> store) throws IOException {
        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertEquals(1, outcome.err().lines().count(), outcome.toString());
        assertTrue(outcome.err().contains("FAILED: node 0: ") && outcome.err().contains(why), outcome.err());
        assertFalse(StoreFixture.LOCAL.keys(store).stream().anyMatch(key -> key.endsWith("manifest.json")), "no manifest");
    }

    private static void succeeds(Outcome outcome) {
        assertEquals(0, outcome.exitCode(), outcome.toString());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
