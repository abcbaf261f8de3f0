package io.lifeboat.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip on several cores, the way pigz does it: the input is cut into blocks, each compressed on the pool
 * as an independent gzip member, and the members are written in order. Concatenated members are one valid
 * gzip stream ({@code gzip -d}, {@code tar xzf}, Java's readers). At most {@code 2 × threads} blocks are in
 * flight, so memory stays bounded whatever the input size.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK_SIZE = 1024 * 1024;

    /** A gzip member header: deflate, no flags, no time, unknown OS (RFC 1952). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int TRAILER_SIZE = 8;
    // Each compressing thread keeps its raw deflater: zlib state is costly to set up for every block.
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));
    private static final int PROBE_SIZE = 64 * 1024;
    private static final ThreadLocal<Deflater> PROBES = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
    private static final ThreadLocal<byte[]> PROBE_OUTPUT = ThreadLocal.withInitial(() -> new byte[PROBE_SIZE + 1024]);

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

    /** One complete gzip member holding {@code length} bytes of {@code input}: header, deflate data, CRC-32 and size. */
    static byte[] member(byte[] input, int length, int level) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setLevel(compressible(input, length) ? level : Deflater.NO_COMPRESSION);
        deflater.setInput(input, 0, length);
        deflater.finish();
        // Deflate grows incompressible data by about 5 bytes per 16 KiB: one allocation almost always suffices.
        byte[] member = new byte[HEADER.length + length + length / 1000 + 64 + TRAILER_SIZE];
        System.arraycopy(HEADER, 0, member, 0, HEADER.length);
        int size = HEADER.length;
        while (!deflater.finished()) {
            if (size == member.length - TRAILER_SIZE) {
                member = Arrays.copyOf(member, member.length * 2);
            }
            size += deflater.deflate(member, size, member.length - TRAILER_SIZE - size);
        }
        CRC32 crc = new CRC32();
        crc.update(input, 0, length);
        size = writeIntLittleEndian(member, size, (int) crc.getValue());
        size = writeIntLittleEndian(member, size, length);
        return Arrays.copyOf(member, size);
    }

    /**
     * Whether deflating the block can pay off. Compressed SSTables and other random-looking data do not
     * shrink at any level, and searching them for matches is most of gzip's time: such blocks are stored
     * (deflate level 0), which costs a copy, and come out the same size they would have anyway.
     */
    static boolean compressible(byte[] input, int length) {
        int sample = Math.min(length, PROBE_SIZE);
        if (sample < PROBE_SIZE) {
            return true;
        }
        Deflater probe = PROBES.get();
        probe.reset();
        probe.setInput(input, 0, sample);
        probe.finish();
        byte[] scratch = PROBE_OUTPUT.get();
        int compressed = 0;
        while (!probe.finished() && compressed < sample) {
            compressed += probe.deflate(scratch, 0, scratch.length);
        }
        return compressed < sample * 0.97;
    }

    private static int writeIntLittleEndian(byte[] target, int at, int value) {
        for (int i = 0; i < 4; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
        return at + 4;
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
