package io.lifeboat.manifest;

import io.lifeboat.archive.FileEntry;

import java.util.List;

/**
 * Where the list of a node's files is kept: inline in the manifest (format 1), as an object of its own beside
 * the archive (format 2), or, in a differential snapshot, as the node's object itself, each line naming the object
 * that holds its file.
 */
public sealed interface FileList {

    /** Format 1: every file in the manifest itself. */
    record Inline(List<FileEntry> files) implements FileList {
        public Inline {
            files = List.copyOf(files);
        }
    }

    /** Format 2: a gzip of JSON lines, one {@link FileEntry} per line in archive order, stored under {@code object}. */
    record Stored(String object, long size, String sha256) implements FileList {
    }

    /**
     * A differential snapshot: the node's object is a gzip of {@link NodeEntry} lines. Of its {@code files}
     * ({@code dataBytes} in all), {@code uploadedFiles} were uploaded by this snapshot ({@code uploadedBytes} stored).
     */
    record PerFileObjects(long files, long dataBytes, long uploadedFiles, long uploadedBytes) implements FileList {
    }
}
