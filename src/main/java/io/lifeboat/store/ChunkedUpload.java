package io.lifeboat.store;

import io.lifeboat.kernel.Deadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;

/**
 * An upload sent as numbered chunks of a fixed size (S3 multipart parts, Azure blocks), several in flight
 * while the next one fills, so producing and sending overlap. At most {@code partsInFlight} chunk buffers
 * exist per upload; an object that fits in one chunk is sent as a single request instead. The store's
 * progress is watched: chunks that move no byte for the stall timeout fail the upload at once.
 */
abstract class ChunkedUpload extends ObjectUpload {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkedUpload.class);

    private final String key;
    private final Transfers transfers;
    private final int maxChunks;
    private final StallWatch.Watched watch;
    private final Deque<CompletableFuture<byte[]>> inFlight = new ConcurrentLinkedDeque<>();
    private volatile StoreUnavailableException stall;
    private byte[] chunk;
    private int buffersAllocated = 1;
    private int filled;
    private int chunksSent;

    /** @param expectedBytes the object's likely size: a smaller one starts with a buffer of that size, grown to a part if it is outgrown */
    ChunkedUpload(String store, String key, Transfers transfers, int maxChunks, long expectedBytes) {
        this.key = key;
        this.transfers = transfers;
        this.maxChunks = maxChunks;
        this.chunk = new byte[(int) Math.max(1, Math.min(transfers.partSize(), expectedBytes))];
        this.watch = transfers.stallWatch().watch(store, "uploading " + key, this::stalled);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == chunk.length && chunk.length < transfers.partSize()) {
                chunk = Arrays.copyOf(chunk, (int) Math.min(transfers.partSize(), 2L * chunk.length + 64 * 1024));
            } else if (filled == chunk.length) {
                sendFullChunk();
            }
            int copied = Math.min(length, chunk.length - filled);
            System.arraycopy(bytes, offset, chunk, filled, copied);
            filled += copied;
            offset += copied;
            length -= copied;
        }
    }

    @Override
    protected final void finish() throws IOException {
        if (chunksSent == 0) {
            watched(() -> putWhole(chunk, filled));
        } else {
            if (filled > 0) {
                sendFullChunk();
            }
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
        }
        // Completing may take minutes without a byte moving: it has its own deadline, not the stall watch.
        watch.close();
        if (chunksSent > 0) {
            commitChunks(chunksSent);
        }
    }

    /**
     * Waits for the chunks still being sent (their outcome no longer matters), then discards them all, as far
     * as the store lets it. After a stall nothing is waited for: the store is not answering.
     */
    @Override
    protected final void abort() {
        watch.close();
        if (stall != null) {
            inFlight.forEach(sending -> sending.completeExceptionally(stall));
        }
        while (!inFlight.isEmpty()) {
            try {
                awaitOldest();
            } catch (IOException ignored) {
                // Already failing; the discard below cleans up either way.
            }
        }
        // After a stall the store is not answering: what was sent is left to the next backup under the name.
        if (chunksSent > 0 && stall == null) {
            try {
                discardChunks();
            } catch (IOException e) {
                // The next backup under this name removes what is left; the failure that brought us here is what matters.
                LOG.debug("could not discard the parts of {}: {}", key, e.getMessage());
            }
        }
    }

    /** Fails every chunk still being sent, so the writer waiting on one stops now, and every chunk it would send. */
    private void stalled(StoreUnavailableException failure) {
        stall = failure;
        inFlight.forEach(sending -> sending.completeExceptionally(failure));
    }

    private void sendFullChunk() throws IOException {
        if (stall != null) {
            throw stall;
        }
        if (chunksSent == maxChunks) {
            throw new IOException(key + " needs more than " + maxChunks + " parts of " + chunk.length
                    + " bytes; raise lifeboat.part-size-mib");
        }
        if (chunksSent == 0) {
            begin();
        }
        int number = ++chunksSent;
        byte[] full = chunk;
        int length = filled;
        inFlight.add(CompletableFuture.supplyAsync(() -> {
            try {
                watched(() -> sendChunk(number, full, length));
                return full;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, transfers.executor()));
        chunk = nextBuffer();
        filled = 0;
    }

    @FunctionalInterface
    private interface StoreRequest {
        void send() throws IOException;
    }

    private void watched(StoreRequest request) throws IOException {
        watch.requestStarted();
        try {
            request.send();
        } finally {
            watch.requestEnded();
        }
    }

    /** A fresh buffer while fewer than partsInFlight exist; otherwise the oldest chunk's, once it is sent. */
    private byte[] nextBuffer() throws IOException {
        if (buffersAllocated < transfers.partsInFlight()) {
            buffersAllocated++;
            return new byte[transfers.partSize()];
        }
        return awaitOldest();
    }

    private byte[] awaitOldest() throws IOException {
        // Left in flight while waited for, so that a stall fails it too.
        CompletableFuture<byte[]> oldest = inFlight.getFirst();
        try {
            return oldest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload of " + key + " was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("upload of " + key + " failed: " + cause.getMessage(), cause);
        } finally {
            inFlight.remove(oldest);
        }
    }

    /** A request body over a chunk, without copying it, that tells the stall watch as the store takes its bytes. */
    protected InputStream body(byte[] bytes, int length) {
        return new ProgressInputStream(new ByteArrayInputStream(bytes, 0, length), watch::moved);
    }

    protected String key() {
        return key;
    }

    protected Deadlines deadlines() {
        return transfers.deadlines();
    }

    /** Opens the multi-chunk upload, before the first chunk. */
    protected abstract void begin() throws IOException;

    /**
     * Sends chunk number {@code number} (from 1), possibly on another thread and at the same time as other
     * chunks; the buffer is reused once this returns.
     */
    protected abstract void sendChunk(int number, byte[] bytes, int length) throws IOException;

    /** Makes the object of chunks 1..count visible. */
    protected abstract void commitChunks(int count) throws IOException;

    protected abstract void discardChunks() throws IOException;

    /** Writes a small object in one request. */
    protected abstract void putWhole(byte[] bytes, int length) throws IOException;
}
