package io.lifeboat.archive;

import io.lifeboat.kernel.Sha256;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and hashes the bytes on their way through, so a stream's SHA-256 costs no second read. */
public final class DigestingOutputStream extends FilterOutputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        digest.update(bytes, offset, length);
        count += length;
    }

    public long count() {
        return count;
    }

    /** The SHA-256 of everything written; call once, at the end. */
    public String sha256() {
        return Sha256.hex(digest);
    }
}
