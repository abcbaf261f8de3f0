package io.lifeboat.manifest;

import io.lifeboat.archive.FileEntry;

import java.util.List;

/**
 * Where the list of a node's files is kept: inline in the manifest (format 1), or as an object of its own
 * beside the archive (format 2), so that the manifest stays small whatever the node's file count.
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
}
