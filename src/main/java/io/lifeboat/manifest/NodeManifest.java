package io.lifeboat.manifest;

import java.util.List;

/**
 * One node's part of a snapshot: its archive object with the object's size and SHA-256, the keyspaces in
 * it, and where the list of its files (each with size and SHA-256) is kept.
 */
public record NodeManifest(int index, String object, long size, String sha256, List<String> keyspaces, FileList files) {

    public NodeManifest {
        keyspaces = List.copyOf(keyspaces);
    }
}
