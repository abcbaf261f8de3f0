package io.lifeboat.manifest;

import java.util.List;

/** What one node's archive holds and how to check it: the object's size and SHA-256, and every file. */
public record NodeManifest(int index, String object, long size, String sha256, List<String> keyspaces, List<FileEntry> files) {

    public NodeManifest {
        keyspaces = List.copyOf(keyspaces);
        files = List.copyOf(files);
    }

    public long dataBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }
}
