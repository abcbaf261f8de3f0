package io.lifeboat.archive;

import io.lifeboat.kernel.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/** Copies a regular file of the tree, exactly the size the walk saw, hashing it on the way. */
public final class FileCopy {

    private FileCopy() {
    }

    /**
     * @param progress told the bytes copied, a buffer at a time
     * @return the file's entry: its name, size and SHA-256
     */
    public static FileEntry copy(TreeItem file, OutputStream out, byte[] buffer, LongConsumer progress) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        long remaining = file.size();
        try (InputStream in = Files.newInputStream(file.path())) {
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new IOException(file.name() + " shrank while it was being archived");
                }
                out.write(buffer, 0, read);
                digest.update(buffer, 0, read);
                remaining -= read;
                progress.accept(read);
            }
        }
        return new FileEntry(file.name(), file.size(), Sha256.hex(digest));
    }
}
