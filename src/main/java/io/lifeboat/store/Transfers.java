package io.lifeboat.store;

import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * How big objects move: parts of {@code partSize} bytes, at most {@code partsInFlight} of them per upload
 * being sent at once on {@code executor}. The part buffers are an upload's only large allocations:
 * {@code partSize × partsInFlight} bytes.
 */
public record Transfers(int partSize, int partsInFlight, Executor executor) {

    public Transfers {
        if (partSize <= 0 || partsInFlight <= 0) {
            throw new IllegalArgumentException("part size and parts in flight must be positive");
        }
    }

    private static final int READ_AHEAD_CHUNK = 1024 * 1024;

    /** The download, read ahead on another thread when this transfer may use one. */
    public InputStream readAhead(InputStream download) {
        return partsInFlight > 1 ? new ReadAheadInputStream(download, READ_AHEAD_CHUNK, 2 * partsInFlight, executor) : download;
    }

    /** The same transfers with at most {@code limit} parts in flight. */
    public Transfers atMost(int limit) {
        return limit >= partsInFlight ? this : new Transfers(partSize, Math.max(1, limit), executor);
    }

    /** One part at a time on the calling thread: for listings and small objects. */
    public static Transfers serial(int partSize) {
        return new Transfers(partSize, 1, Runnable::run);
    }
}
