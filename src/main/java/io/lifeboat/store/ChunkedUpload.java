package io.lifeboat.store;

import java.io.IOException;

/**
 * An upload sent as numbered chunks of a fixed size (S3 multipart parts, Azure blocks). Only one chunk
 * is held in memory; an object that fits in one chunk is sent as a single request instead.
 */
abstract class ChunkedUpload extends ObjectUpload {

    private final String key;
    private final byte[] chunk;
    private final int maxChunks;
    private int filled;
    private int chunksSent;

    ChunkedUpload(String key, int chunkSize, int maxChunks) {
        this.key = key;
        this.chunk = new byte[chunkSize];
        this.maxChunks = maxChunks;
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
        commitChunks(chunksSent);
    }

    @Override
    protected final void abort() throws IOException {
        if (chunksSent > 0) {
            discardChunks();
        }
    }

    private void sendFullChunk() throws IOException {
        if (chunksSent == maxChunks) {
            throw new IOException(key + " needs more than " + maxChunks + " parts of " + chunk.length
                    + " bytes; raise lifeboat.part-size");
        }
        if (chunksSent == 0) {
            begin();
        }
        chunksSent++;
        sendChunk(chunksSent, chunk, filled);
        filled = 0;
    }

    protected String key() {
        return key;
    }

    /** Opens the multi-chunk upload, before the first chunk. */
    protected abstract void begin() throws IOException;

    /** Sends chunk number {@code number} (from 1); the buffer is reused once this returns. */
    protected abstract void sendChunk(int number, byte[] bytes, int length) throws IOException;

    /** Makes the object of chunks 1..count visible. */
    protected abstract void commitChunks(int count) throws IOException;

    protected abstract void discardChunks() throws IOException;

    /** Writes a small object in one request. */
    protected abstract void putWhole(byte[] bytes, int length) throws IOException;
}
