package io.lifeboat.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * gzip on several cores, the way pigz does it: the input is cut into blocks, each compressed on the pool
 * as an independent gzip member, and the members are written in order. Concatenated members are one valid
 * gzip stream ({@code gzip -d}, {@code tar xzf}, Java's readers). At most {@code 2 × threads} blocks are in
 * flight, so memory stays bounded whatever the input size.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK_SIZE = 1024 * 1024;

    private final OutputStream out;
    private final int level;
    private final int maxInFlight;
    private final ExecutorService pool;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private byte[] block = new byte[BLOCK_SIZE];
    private int filled;
    private boolean submitted;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, int level, int threads, ExecutorService pool) {
        this.out = out;
        this.level = level;
        this.maxInFlight = 2 * Math.max(1, threads);
        this.pool = pool;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int copied = Math.min(length, BLOCK_SIZE - filled);
            System.arraycopy(bytes, offset, block, filled, copied);
            filled += copied;
            offset += copied;
            length -= copied;
            if (filled == BLOCK_SIZE) {
                submitBlock();
            }
        }
    }

    private void submitBlock() throws IOException {
        byte[] input = block;
        int length = filled;
        block = new byte[BLOCK_SIZE];
        filled = 0;
        inFlight.add(pool.submit(() -> member(input, length, level)));
        submitted = true;
        while (inFlight.size() >= maxInFlight) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        try {
            out.write(inFlight.removeFirst().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("gzip compression was interrupted");
        } catch (ExecutionException e) {
            throw new IOException("gzip compression failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** One complete gzip member holding {@code length} bytes of {@code input}. */
    private static byte[] member(byte[] input, int length, int level) throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream(length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(member, 64 * 1024) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(input, 0, length);
        }
        return member.toByteArray();
    }

    /** Writes what is still in flight; an empty input still makes one (empty) member, as gzip does. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (filled > 0 || !submitted) {
                submitBlock();
            }
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            out.flush();
        } finally {
            inFlight.forEach(task -> task.cancel(true));
            out.close();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
