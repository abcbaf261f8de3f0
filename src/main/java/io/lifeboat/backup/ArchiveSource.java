package io.lifeboat.backup;

import io.lifeboat.archive.FileEntry;
import org.apache.commons.io.function.IOConsumer;

import java.io.IOException;
import java.io.OutputStream;

/** A node archive not yet produced: it is written straight into the store's upload, never staged. */
@FunctionalInterface
interface ArchiveSource {

    /** Writes the archive, telling {@code files} every file it holds, in archive order. */
    void writeTo(OutputStream sink, IOConsumer<FileEntry> files) throws IOException;
}
