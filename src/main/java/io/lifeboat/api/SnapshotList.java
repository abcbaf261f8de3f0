package io.lifeboat.api;

import java.time.Instant;
import java.util.List;

/** The answer of GET /v1/snapshots: the snapshots of one store, as {@code lifeboat snapshots list} shows them. */
record SnapshotList(String store, List<Entry> snapshots) {

    /**
     * One snapshot folder; {@code state} is "complete" or "incomplete", {@code mode} "full" or "differential" and
     * {@code completedAt} a time when complete (null otherwise); {@code bytes} is what the snapshot added to the store;
     * {@code keyId} the id of the key an encrypted snapshot needs (null when it is not encrypted, or not known).
     */
    record Entry(String snapshot, String state, String mode, Instant completedAt, int nodes, long bytes, String keyId) {
    }
}
