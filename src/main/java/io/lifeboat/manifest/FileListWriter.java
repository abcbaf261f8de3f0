package io.lifeboat.manifest;

import io.lifeboat.archive.FileEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.ToLongFunction;

/**
 * Streams a node's file list as the node is archived or uploaded: one JSON line per entry, gzip-compressed,
 * hashed on the way, so no list of files is ever held in memory. Counts the files and their bytes.
 */
public final class FileListWriter<T> {

    private final JsonLinesWriter<T> lines;
    private final ToLongFunction<T> fileBytes;
    private long files;
    private long dataBytes;

    private FileListWriter(Class<T> type, OutputStream sink, ToLongFunction<T> fileBytes) throws IOException {
        this.lines = new JsonLinesWriter<>(type, sink);
        this.fileBytes = fileBytes;
    }

    /** The list of an archive's files (format 2); {@code sink} is left open by {@link #finish}. */
    public static FileListWriter<FileEntry> ofArchive(OutputStream sink) throws IOException {
        return new FileListWriter<>(FileEntry.class, sink, FileEntry::size);
    }

    /** The list of a differential snapshot's node: every entry of its tree; {@code sink} is left open by {@link #finish}. */
    public static FileListWriter<NodeEntry> ofEntries(OutputStream sink) throws IOException {
        return new FileListWriter<>(NodeEntry.class, sink, entry -> entry.isFile() ? entry.size() : -1);
    }

    public void add(T entry) throws IOException {
        lines.add(entry);
        long bytes = fileBytes.applyAsLong(entry);
        if (bytes >= 0) {
            files++;
            dataBytes += bytes;
        }
    }

    /** Ends the list; {@code object} is its key in the store. */
    public FileList.Stored finish(String object) throws IOException {
        return lines.finish(object);
    }

    public long files() {
        return files;
    }

    public long dataBytes() {
        return dataBytes;
    }
}
