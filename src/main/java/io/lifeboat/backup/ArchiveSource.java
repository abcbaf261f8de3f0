package io.lifeboat.backup;

import io.lifeboat.manifest.FileEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** A node archive not yet produced: it is written straight into the store's upload, never staged. */
@FunctionalInterface
interface ArchiveSource {

    /** Writes the archive and returns the files it holds. */
    List<FileEntry> writeTo(OutputStream sink) throws IOException;
}
