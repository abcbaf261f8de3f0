package io.lifeboat.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Reads a download ahead of its consumer on another thread, so the network and decompression overlap.
 * At most {@code depth} chunks wait in memory.
 */
final class ReadAheadInputStream extends InputStream {

    private static final byte[] END = new byte[0];

    private final InputStream source;
    private final int chunkSize;
    private final BlockingQueue<byte[]> ready;
    private volatile IOException failure;
    private volatile boolean closed;
    private byte[] current;
    private int position;

    ReadAheadInputStream(InputStream source, int chunkSize, int depth, Executor executor) {
        this.source = source;
        this.chunkSize = chunkSize;
        this.ready = new ArrayBlockingQueue<>(depth);
        executor.execute(this::fill);
    }

    private void fill() {
        try {
            while (!closed) {
                byte[] chunk = source.readNBytes(chunkSize);
                if (chunk.length == 0) {
                    break;
                }
                put(chunk);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new InterruptedIOException("download interrupted");
        } finally {
            try {
                put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(byte[] chunk) throws InterruptedException {
        while (!closed && !ready.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            // The consumer is behind: wait, unless it closed the stream.
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || (position == current.length && current != END)) {
            try {
                current = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("download interrupted");
            }
            position = 0;
        }
        if (current == END) {
            if (failure != null) {
                throw failure;
            }
            return -1;
        }
        int copied = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, copied);
        position += copied;
        return copied;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        ready.clear();
        source.close();
    }
}
