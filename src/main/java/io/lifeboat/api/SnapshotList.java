package io.lifeboat.api;

import java.time.Instant;
import java.util.List;

/** The answer of GET /v1/snapshots: the snapshots of one store, as {@code lifeboat snapshots list} shows them. */
record SnapshotList(String store, List<Entry> snapshots) {

    /** One snapshot folder; {@code state} is "complete" or "incomplete", {@code completedAt} null when incomplete. */
    record Entry(String snapshot, String state, Instant completedAt, int nodes, long bytes) {
    }
}
