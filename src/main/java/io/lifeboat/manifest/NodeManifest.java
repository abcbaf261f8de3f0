package io.lifeboat.manifest;

import java.util.List;

/**
 * One node's part of a snapshot: its object with the object's size and SHA-256 (a full snapshot's archive, a
 * differential snapshot's file list), the keyspaces in it, and where the list of its files is kept.
 */
public record NodeManifest(int index, String object, long size, String sha256, List<String> keyspaces, FileList files) {

    public NodeManifest {
        keyspaces = List.copyOf(keyspaces);
    }

    /** Whether the node's files are objects of their own, listed in {@link #object()}. */
    public boolean perFile() {
        return files instanceof FileList.PerFileObjects;
    }

    /** The bytes this node added to the store. */
    public long storedBytes() {
        if (files instanceof FileList.Stored list) {
            return size + list.size();
        }
        return size + (files instanceof FileList.PerFileObjects objects ? objects.uploadedBytes() : 0);
    }
}
