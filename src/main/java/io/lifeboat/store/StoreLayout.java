package io.lifeboat.store;

import io.lifeboat.kernel.SnapshotName;

import java.util.Optional;

/** Where a snapshot's objects lie in a store: {@code <SNAPSHOT_NAME>/node-<index>.tar.gz} and its manifest. */
public final class StoreLayout {

    public static final String MANIFEST = "manifest.json";
    public static final String SCHEMA = "schema.cql";
    public static final String CLAIM = "claim.json";
    /** An encrypted snapshot's data keys, wrapped: the one object of it that stays readable (with its claim). */
    public static final String KEYS = "encryption.json";
    /** What the objects of an encrypted differential snapshot's files end with: their names say nothing of the files. */
    public static final String SEALED_FILE = ".sealed";
    /**
     * What Lifeboat keeps beside the snapshot folders, under a name no snapshot can have (names never start with a
     * dot): the files of differential snapshots, and a summary of every complete snapshot.
     */
    public static final String RESERVED = ".lifeboat/";
    public static final String FILES = RESERVED + "files/";
    public static final String SUMMARIES = RESERVED + "snapshots/";

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

    /** {@code <SNAPSHOT_NAME>/encryption.json}: present exactly when the snapshot is encrypted. */
    public static String keysKey(SnapshotName snapshot) {
        return prefix(snapshot) + KEYS;
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

    /**
     * {@code .lifeboat/files/<SNAPSHOT_NAME>/<run>/node-<index>/}: where one run of a differential backup uploads a
     * node's files, each under its path in the node. The run's own folder keeps every object written once: a later run
     * under the same name (after a failure, or after a purge) never writes where an earlier one's objects may still be
     * referred to.
     */
    public static String filesPrefix(SnapshotName snapshot, String run, int nodeIndex) {
        return runFilesPrefix(snapshot, run) + "node-" + nodeIndex + "/";
    }

    /** An encrypted differential snapshot's file object: {@code <files prefix><number>.sealed}, numbered per node. */
    public static String sealedFileKey(String filesPrefix, long number) {
        return filesPrefix + number + SEALED_FILE;
    }

    /** {@code .lifeboat/files/<SNAPSHOT_NAME>/<run>/}: every file one run of a differential backup uploaded. */
    public static String runFilesPrefix(SnapshotName snapshot, String run) {
        return FILES + snapshot.value() + "/" + run + "/";
    }

    /** {@code .lifeboat/snapshots/<SNAPSHOT_NAME>/}: where the summary of a complete snapshot lies, in the key of an empty object. */
    public static String summaryPrefix(String snapshot) {
        return SUMMARIES + snapshot + "/";
    }

    public static boolean isReserved(String key) {
        return key.startsWith(RESERVED);
    }

    /**
     * The snapshot folder whose keys seal the object, if the object is one that is sealed when its snapshot is
     * encrypted: every object of the folder but its claim and its keys, and the files of encrypted differential
     * snapshots. Summaries and claims never are.
     */
    public static Optional<String> sealableFolder(String key) {
        if (key.startsWith(FILES)) {
            int end = key.indexOf('/', FILES.length());
            return key.endsWith(SEALED_FILE) && end > FILES.length() ? Optional.of(key.substring(FILES.length(), end)) : Optional.empty();
        }
        int slash = key.indexOf('/');
        if (isReserved(key) || slash <= 0) {
            return Optional.empty();
        }
        String name = key.substring(slash + 1);
        return name.equals(CLAIM) || name.equals(KEYS) ? Optional.empty() : Optional.of(key.substring(0, slash));
    }

    public static boolean isKeys(String key) {
        int slash = key.indexOf('/');
        return slash > 0 && !isReserved(key) && key.substring(slash + 1).equals(KEYS);
    }

    public static boolean isArchive(String key) {
        return key.matches(".*/node-\\d+\\.tar(\\.gz|\\.zst)?");
    }
}
