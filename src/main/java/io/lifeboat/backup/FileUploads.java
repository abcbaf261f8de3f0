package io.lifeboat.backup;

import io.lifeboat.archive.FileCodecs;
import io.lifeboat.archive.FileCopy;
import io.lifeboat.archive.FileEntry;
import io.lifeboat.archive.TreeItem;
import io.lifeboat.kernel.Compression;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.store.ObjectUpload;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import org.apache.commons.io.function.IOConsumer;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.commons.io.output.CountingOutputStream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A node's tree going into the store file by file, in walk order: each entry of the walk becomes a line of the
 * node's file list, a file the base already holds refers to the base's object, and every other file is uploaded
 * as an object of its own, many at once. Lines are handed on in walk order whatever order the uploads end in.
 * Memory is bounded: at most {@code filesInFlight} uploads, of which at most {@code largeInFlight} larger than a
 * part, and a bounded queue of entries waiting for an earlier upload.
 */
final class FileUploads implements AutoCloseable {

    /** Entries done but waiting behind a slower upload before the walk waits too. */
    private static final int MAX_WAITING = 4096;
    private static final int COPY_BUFFER = 64 * 1024;

    /** Where and how the node's new files are stored. */
    /** {@code sealed}: the snapshot is encrypted, and its objects are numbered, their names saying nothing of the files. */
    record Target(SnapshotStore store, String prefix, Compression codec, int level, long partSize, boolean sealed) {
    }

    private final Target target;
    private final AtomicLong objectNumbers = new AtomicLong();
    private final Executor executor;
    private final Semaphore inFlight;
    private final Semaphore largeInFlight;
    private final LongConsumer progress;
    private final IOConsumer<NodeEntry> list;
    private final Deque<CompletableFuture<NodeEntry>> waiting = new ArrayDeque<>();
    private final AtomicLong uploadedFiles = new AtomicLong();
    private final AtomicLong uploadedBytes = new AtomicLong();
    private volatile Throwable failure;

    /**
     * @param progress told the file bytes done, uploaded or found in the base
     * @param list     told every entry, in walk order
     */
    FileUploads(Target target, Executor executor, int filesInFlight, int largeInFlight, LongConsumer progress, IOConsumer<NodeEntry> list) {
        this.target = target;
        this.executor = executor;
        this.inFlight = new Semaphore(filesInFlight);
        this.largeInFlight = new Semaphore(largeInFlight);
        this.progress = progress;
        this.list = list;
    }

    /** Takes the next item of the walk; a file the base holds unchanged is passed as {@code unchanged}. */
    void add(TreeItem item, NodeEntry unchanged) throws IOException {
        if (failure != null) {
            handOnDone();
        }
        CompletableFuture<NodeEntry> entry = switch (item.kind()) {
            case DIRECTORY -> CompletableFuture.completedFuture(NodeEntry.directory(item.name(), item.mode(), item.modified().toInstant().toString()));
            case LINK -> CompletableFuture.completedFuture(NodeEntry.link(item.name(), item.linkTarget()));
            case FILE -> unchanged != null ? reused(unchanged) : upload(item);
        };
        waiting.add(entry);
        handOnDone();
        while (waiting.size() > MAX_WAITING) {
            handOn(waiting.poll());
        }
    }

    /** Hands on every entry still waiting, in order, once its upload has ended. */
    void finish() throws IOException {
        while (!waiting.isEmpty()) {
            handOn(waiting.poll());
        }
    }

    long uploadedFiles() {
        return uploadedFiles.get();
    }

    long uploadedBytes() {
        return uploadedBytes.get();
    }

    private CompletableFuture<NodeEntry> reused(NodeEntry unchanged) {
        progress.accept(unchanged.size());
        return CompletableFuture.completedFuture(unchanged);
    }

    private CompletableFuture<NodeEntry> upload(TreeItem file) throws IOException {
        boolean large = file.size() > target.partSize();
        acquire(inFlight, 1);
        try {
            acquire(largeInFlight, large ? 1 : 0);
        } catch (IOException e) {
            inFlight.release();
            throw e;
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return store(file);
                } catch (IOException | RuntimeException e) {
                    failure = e;
                    throw new CompletionException(e);
                } finally {
                    largeInFlight.release(large ? 1 : 0);
                    inFlight.release();
                }
            }, executor);
        } catch (RuntimeException rejected) {
            largeInFlight.release(large ? 1 : 0);
            inFlight.release();
            throw rejected;
        }
    }

    /** Uploads one file under its path, compressed when that pays; the object appears only when whole. */
    private NodeEntry store(TreeItem file) throws IOException {
        Compression codec = FileCodecs.choose(target.codec(), target.level(), file);
        String key = target.sealed() ? StoreLayout.sealedFileKey(target.prefix(), objectNumbers.incrementAndGet())
                : target.prefix() + file.name();
        try (ObjectUpload upload = target.store().upload(key, 1, file.size())) {
            CountingOutputStream stored = new CountingOutputStream(upload);
            FileEntry copied;
            try (OutputStream out = FileCodecs.compress(codec, CloseShieldOutputStream.wrap(stored), target.level())) {
                copied = FileCopy.copy(file, out, new byte[(int) Math.max(1, Math.min(COPY_BUFFER, file.size()))], progress);
            }
            upload.complete();
            uploadedFiles.incrementAndGet();
            uploadedBytes.addAndGet(stored.getByteCount());
            return NodeEntry.file(file.name(), file.mode(), file.modified().toInstant().toString(), copied.size(), copied.sha256(), key,
                    codec.label(), stored.getByteCount());
        }
    }

    private void handOnDone() throws IOException {
        while (!waiting.isEmpty() && (waiting.peek().isDone() || failure != null)) {
            handOn(waiting.poll());
        }
    }

    private void handOn(CompletableFuture<NodeEntry> entry) throws IOException {
        try {
            list.accept(entry.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the upload of the node's files was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    private static void acquire(Semaphore permits, int count) throws IOException {
        try {
            permits.acquire(count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the upload of the node's files was interrupted");
        }
    }

    /** Waits for every upload still going, so none writes after the node's step has ended; each aborts its own object on failure. */
    @Override
    public void close() {
        for (CompletableFuture<NodeEntry> entry : waiting) {
            try {
                entry.join();
            } catch (RuntimeException ignored) {
                // Its own failure is the one reported, or the one before it.
            }
        }
        waiting.clear();
    }
}
