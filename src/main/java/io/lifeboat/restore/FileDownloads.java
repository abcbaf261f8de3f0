package io.lifeboat.restore;

import io.lifeboat.archive.StagedTree;
import io.lifeboat.kernel.InFlight;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.store.FileObjects;
import io.lifeboat.store.SnapshotStore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A differential snapshot's files of one node, downloaded into its staging folder {@code filesInFlight} at once,
 * each decompressed and checked against its entry (size and SHA-256) before it counts as staged. Only the files in
 * flight are held: nothing grows with the file count.
 */
final class FileDownloads {

    private final SnapshotStore store;
    private final StagedTree tree;
    private final InFlight inFlight;
    private final LongConsumer progress;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong storedBytes = new AtomicLong();

    /** @param progress told the file bytes staged, a buffer at a time */
    FileDownloads(SnapshotStore store, StagedTree tree, Executor executor, int filesInFlight, LongConsumer progress) {
        this.store = store;
        this.tree = tree;
        this.inFlight = new InFlight(executor, filesInFlight);
        this.progress = progress;
    }

    /** Starts the file's download once fewer than {@code filesInFlight} are going; fails at once if an earlier one failed. */
    void add(NodeEntry file) throws IOException {
        inFlight.submit(() -> stage(file));
    }

    /** Waits for every download still going, then fails with the first failure, if any. */
    void finish() throws IOException {
        inFlight.awaitAll();
    }

    long files() {
        return files.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** The bytes read from the store for the files staged. */
    long storedBytes() {
        return storedBytes.get();
    }

    private void stage(NodeEntry file) throws IOException {
        try (OutputStream out = tree.newFile(file.path())) {
            FileObjects.read(store, file, out, progress);
        }
        tree.finishFile(file.path(), file.mode(), FileTime.from(Instant.parse(file.mtime())));
        files.incrementAndGet();
        bytes.addAndGet(file.size());
        storedBytes.addAndGet(file.stored());
    }
}
