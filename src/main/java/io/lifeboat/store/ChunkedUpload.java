package io.lifeboat.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An upload sent as numbered chunks of a fixed size (S3 multipart parts, Azure blocks), several in flight
 * while the next one fills, so producing and sending overlap. At most {@code partsInFlight} chunk buffers
 * exist per upload; an object that fits in one chunk is sent as a single request instead.
 */
abstract class ChunkedUpload extends ObjectUpload {

    private final String key;
    private final Transfers transfers;
    private final int maxChunks;
    private final Deque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
    private byte[] chunk;
    private int buffersAllocated = 1;
    private int filled;
    private int chunksSent;

    ChunkedUpload(String key, Transfers transfers, int maxChunks) {
        this.key = key;
        this.transfers = transfers;
        this.maxChunks = maxChunks;
        this.chunk = new byte[transfers.partSize()];
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == chunk.length) {
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
            putWhole(chunk, filled);
            return;
        }
        if (filled > 0) {
            sendFullChunk();
        }
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        commitChunks(chunksSent);
    }

    /** Waits for the chunks still being sent (their outcome no longer matters), then discards them all. */
    @Override
    protected final void abort() throws IOException {
        while (!inFlight.isEmpty()) {
            try {
                awaitOldest();
            } catch (IOException ignored) {
                // Already failing; the discard below cleans up either way.
            }
        }
        if (chunksSent > 0) {
            discardChunks();
        }
    }

    private void sendFullChunk() throws IOException {
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
                sendChunk(number, full, length);
                return full;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, transfers.executor()));
        chunk = nextBuffer();
        filled = 0;
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
        try {
            return inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload of " + key + " was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped ? wrapped.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("upload of " + key + " failed: " + cause.getMessage(), cause);
        }
    }

    protected String key() {
        return key;
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
