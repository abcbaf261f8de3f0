package io.lifeboat.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Counts and hashes the bytes read through it. */
public final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int read = in.read(bytes, offset, length);
        if (read > 0) {
            digest.update(bytes, offset, read);
            count += read;
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

    public String sha256() {
        return Sha256.hex(digest);
    }
}
