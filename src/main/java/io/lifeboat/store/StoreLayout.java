package io.lifeboat.store;

import io.lifeboat.kernel.SnapshotName;

/** Where a snapshot's objects lie in a store: {@code <SNAPSHOT_NAME>/node-<index>.tar.gz} and its manifest. */
public final class StoreLayout {

    public static final String MANIFEST = "manifest.json";
    public static final String SCHEMA = "schema.cql";
    public static final String CLAIM = "claim.json";

    private StoreLayout() {
    }

    public static String prefix(SnapshotName snapshot) {
        return snapshot.value() + "/";
    }

    public static String manifestKey(SnapshotName snapshot) {
        return prefix(snapshot) + MANIFEST;
    }

    /** {@code <SNAPSHOT_NAME>/claim.json}: held by the one backup that writes the snapshot, removed when it ends. */
    public static String claimKey(SnapshotName snapshot) {
        return prefix(snapshot) + CLAIM;
    }

    public static String schemaKey(SnapshotName snapshot) {
        return prefix(snapshot) + SCHEMA;
    }

    /** {@code <SNAPSHOT_NAME>/node-<index>.tar.gz} (or {@code .tar.zst}, {@code .tar}: the suffix of the compression). */
    public static String archiveKey(SnapshotName snapshot, int nodeIndex, String suffix) {
        return prefix(snapshot) + "node-" + nodeIndex + suffix;
    }

    /** {@code <SNAPSHOT_NAME>/node-<index>.files.jsonl.gz}: the node's files, one JSON line each, in archive order. */
    public static String fileListKey(SnapshotName snapshot, int nodeIndex) {
        return prefix(snapshot) + "node-" + nodeIndex + ".files.jsonl.gz";
    }

    /** What every object of one node starts with: {@code <SNAPSHOT_NAME>/node-<index>.} */
    public static String nodePrefix(SnapshotName snapshot, int nodeIndex) {
        return prefix(snapshot) + "node-" + nodeIndex + ".";
    }

    public static boolean isArchive(String key) {
        return key.matches(".*/node-\\d+\\.tar(\\.gz|\\.zst)?");
    }
}
