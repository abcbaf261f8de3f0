package io.lifeboat.archive;

import io.lifeboat.kernel.Sha256;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Counts and hashes the bytes read through it, and remembers whether a read failed in the stream below
 * (the store) rather than in whatever decodes the bytes above it.
 */
public final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private final LongConsumer progress;
    private long count;
    private boolean failedAtSource;
    private boolean ended;

    public DigestingInputStream(InputStream in) {
        this(in, bytes -> { });
    }

    /** @param progress told the bytes read, a buffer at a time */
    public DigestingInputStream(InputStream in, LongConsumer progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int read;
        try {
            read = in.read(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            failedAtSource = true;
            throw e;
        }
        if (read < 0) {
            ended = true;
        } else if (read > 0) {
            digest.update(bytes, offset, read);
            count += read;
            progress.accept(read);
        }
        return read;
    }

    /** Skipped bytes are read and hashed too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left so the count and hash cover the whole stream. */
    public void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // hashed by read
        }
    }

    public long count() {
        return count;
    }

    /** Whether the stream below came to its end. */
    public boolean ended() {
        return ended;
    }

    /** Whether a read failed in the stream below, not in what decodes it. */
    public boolean failedAtSource() {
        return failedAtSource;
    }

    public String sha256() {
        return Sha256.hex(digest);
    }
}
