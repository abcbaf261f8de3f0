package io.lifeboat.store;

import io.lifeboat.archive.ArchiveDamagedException;
import io.lifeboat.archive.DigestingInputStream;
import io.lifeboat.archive.FileCodecs;
import io.lifeboat.kernel.Compression;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.manifest.NodeEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/** The object of one file of a differential snapshot, read back and checked against the file's entry. */
public final class FileObjects {

    private static final int COPY_BUFFER = 64 * 1024;

    private FileObjects() {
    }

    /**
     * Streams the file's data, decompressed, into {@code sink}, and fails, naming the object, unless it is exactly the
     * entry's size and SHA-256 from exactly the entry's stored bytes. The object is read as it comes, with no read-ahead
     * buffer of its own: many are read at once.
     *
     * @param progress told the file bytes read, a buffer at a time
     */
    public static void read(SnapshotStore store, NodeEntry file, OutputStream sink, LongConsumer progress) throws IOException {
        Compression codec = Compression.parse("codec", file.codec());
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        byte[] buffer = new byte[(int) Math.max(1, Math.min(COPY_BUFFER, file.size()))];
        try (DigestingInputStream stored = new DigestingInputStream(store.download(file.object(), 1))) {
            try (InputStream data = FileCodecs.decompress(codec, stored)) {
                int read;
                while ((read = data.read(buffer)) >= 0) {
                    sink.write(buffer, 0, read);
                    digest.update(buffer, 0, read);
                    size += read;
                    progress.accept(read);
                }
                stored.drain();
            } catch (IOException e) {
                throw stored.failedAtSource() || e instanceof StoreException ? e : damaged(file, codec, stored.count(), e);
            }
            if (stored.count() != file.stored()) {
                throw new ArchiveDamagedException(file.object() + " is " + stored.count() + " bytes in the store, but the file list gives "
                        + file.stored());
            }
        }
        String sha256 = Sha256.hex(digest);
        if (size != file.size() || !sha256.equals(file.sha256())) {
            throw new ArchiveDamagedException(file.object() + " does not match the file list (" + size + " bytes, SHA-256 " + sha256
                    + "; expected " + file.size() + " bytes, SHA-256 " + file.sha256() + " for " + file.path() + ")");
        }
    }

    private static ArchiveDamagedException damaged(NodeEntry file, Compression codec, long read, IOException cause) {
        if (read < file.stored()) {
            return new ArchiveDamagedException(file.object() + " is truncated: it holds " + read + " of the " + file.stored()
                    + " bytes the file list gives", cause);
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("");
        return new ArchiveDamagedException(file.object() + " is damaged: its " + codec.label() + " data cannot be read (" + reason + ")",
                cause);
    }
}
