package io.lifeboat;

import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
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

/** A node eight times larger than the heap backs up to S3 and restores, proving the archive is streamed both ways. */
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
        assertTrue(backup.out().contains("  node 0: IN_PROGRESS"), "plain progress lines when stdout is no terminal:\n" + backup.out());
        Outcome restore = LauncherProcess.run(HEAP, environment, scratch, List.of("plan", "start", "restore-s3", "--cluster", target.toString()));
        assertEquals(0, restore.exitCode(), restore.toString());

        assertEquals(TreeFingerprint.of(source.resolveSibling("nodes/node-0")), TreeFingerprint.of(target.resolveSibling("nodes/node-0")));
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
