package io.lifeboat;

import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.Tmpfs;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory stays bounded whatever the node holds: a node eight times larger than the heap, and a node of
 * 200,000 files (in both backup modes), each backed up and restored by a JVM with a 128 MiB heap.
 */
@ExtendWith(TestServers.class)
class HeapBoundIT {

    private static final long NODE_BYTES = 1024L * 1024 * 1024;
    private static final String HEAP = "-Xmx128m";

    @TempDir
    Path scratch;

    @Test
    void backsUpAndRestoresANodeLargerThanTheHeap() throws Exception {
        Path source = TrickyCluster.empty(scratch.resolve("source"), 1);
        Path target = TrickyCluster.empty(scratch.resolve("target"), 1);
        writeIncompressible(Files.createDirectories(source.resolveSibling("nodes/node-0/big/sstables")).resolve("nb-1-big-Data.db"));
        Map<String, String> environment = new HashMap<>(StoreFixture.S3.newStore(scratch));
        environment.put("SNAPSHOT_NAME", "bigger-than-heap");
        // Random data does not compress; level 1 keeps the test quick without changing what it proves.
        environment.put("LIFEBOAT_COMPRESSION_LEVEL", "1");

        Outcome backup = LauncherProcess.run(HEAP, environment, scratch, List.of("plan", "start", "backup-s3", "--cluster", source.toString()));
        assertEquals(0, backup.exitCode(), backup.toString());
        assertTrue(backup.out().contains("  node 0: COMPLETE    100%"), "plain progress lines when stdout is no terminal:\n" + backup.out());
        Outcome restore = LauncherProcess.run(HEAP, environment, scratch, List.of("plan", "start", "restore-s3", "--cluster", target.toString()));
        assertEquals(0, restore.exitCode(), restore.toString());

        assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-0")), TreeFingerprint.of(target.resolveSibling("nodes/node-0")));
    }

    /**
     * A node of 200,000 files, backed up in both modes and restored: whole to S3, and file by file twice into a directory
     * (each small file an object of its own). The trees and the directory are on a tmpfs: the test is about Lifeboat's
     * memory, and the directory store's fsync of 200,000 objects on this disk would add minutes (S3Mock, hours).
     */
    @Test
    void backsUpAndRestoresTwoHundredThousandFilesInBothModes() throws Exception {
        try (Tmpfs fast = Tmpfs.mount(scratch.resolve("fast"), "6g")) {
            backsUpAndRestoresTwoHundredThousandFilesInBothModes(fast.path());
        }
    }

    private void backsUpAndRestoresTwoHundredThousandFilesInBothModes(Path folder) throws Exception {
        Path source = TrickyCluster.empty(folder.resolve("source"), 1);
        writeManySmallFiles(source.resolveSibling("nodes/node-0/ks1"), 200, 1000);
        Map<String, Path> targets = Map.of("full", TrickyCluster.empty(folder.resolve("target-full"), 1),
                "differential", TrickyCluster.empty(folder.resolve("target-differential"), 1));
        Map<String, String> full = new HashMap<>(StoreFixture.S3.newStore(scratch));
        full.put("SNAPSHOT_NAME", "many-files");
        Map<String, String> differential = new HashMap<>(StoreFixture.LOCAL.newStore(folder));
        differential.put("BACKUP_MODE", "differential");

        assertBacksUpAllFiles(full, "backup-s3", source);
        for (String snapshot : List.of("first", "second")) {
            differential.put("SNAPSHOT_NAME", snapshot);
            assertBacksUpAllFiles(differential, "backup-local", source);
        }
        differential.remove("BACKUP_MODE");
        assertRestoresAllFiles(full, "restore-s3", targets.get("full"));
        assertRestoresAllFiles(differential, "restore-local", targets.get("differential"));

        var original = TreeFingerprint.of(source.resolveSibling("nodes/node-0"));
        for (Path target : targets.values()) {
            assertEquals(original, TreeFingerprint.of(target.resolveSibling("nodes/node-0")));
        }
    }

    private void assertBacksUpAllFiles(Map<String, String> environment, String plan, Path cluster) throws Exception {
        Outcome backup = LauncherProcess.run(HEAP, environment, scratch, List.of("plan", "start", plan, "--cluster", cluster.toString()));
        assertEquals(0, backup.exitCode(), backup.toString());
        assertTrue(backup.out().contains(" 1 nodes, 200000 files, "), backup.out());
    }

    private void assertRestoresAllFiles(Map<String, String> environment, String plan, Path cluster) throws Exception {
        Outcome restore = LauncherProcess.run(HEAP, environment, scratch, List.of("plan", "start", plan, "--cluster", cluster.toString()));
        assertEquals(0, restore.exitCode(), restore.toString());
        assertTrue(restore.out().contains(" 1 nodes, 200000 files, "), restore.out());
    }

    /** {@code tables} table folders of {@code files} small files each, as a node with many SSTables has. */
    private static void writeManySmallFiles(Path keyspace, int tables, int files) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        byte[] content = new byte[64];
        for (int table = 0; table < tables; table++) {
            Path folder = Files.createDirectories(keyspace.resolve(String.format("table_%03d-5f2c9e1a0d4b11efb0e4a1b2c3d4e5f6", table)));
            for (int file = 0; file < files; file++) {
                for (int i = 0; i < content.length; i++) {
                    content[i] = (byte) random.nextInt(256);
                }
                Files.write(folder.resolve("nb-" + file + "-big-Data.db"), content);
            }
        }
    }

    private static void writeIncompressible(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[8 * 1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < NODE_BYTES; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(chunk);
            }
        }
    }
}
