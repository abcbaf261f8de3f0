package io.lifeboat.kernel;

import java.time.Duration;

/** What a completed plan did, for the operator. */
public record PlanResult(Plan plan, SnapshotName snapshot, String store, int nodes, long files, long dataBytes, long storedBytes,
                         Duration duration) {

    /** Data throughput in MB/s (10^6 bytes), the unit the shell tools print. */
    public double megabytesPerSecond() {
        double seconds = Math.max(duration.toNanos() / 1e9, 1e-3);
        return dataBytes / 1e6 / seconds;
    }
}
