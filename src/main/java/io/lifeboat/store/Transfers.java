package io.lifeboat.store;

import io.lifeboat.kernel.Deadlines;

import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * How big objects move: parts of {@code partSize} bytes, at most {@code partsInFlight} of them per upload
 * being sent at once on {@code executor}, every call within its {@link Deadlines}, every transfer watched for
 * stalls. The part buffers are an upload's only large allocations: {@code partSize × partsInFlight} bytes.
 */
public final class Transfers {

    private static final int READ_AHEAD_CHUNK = 1024 * 1024;

    private final int partSize;
    private final int partsInFlight;
    private final Executor executor;
    private final Deadlines deadlines;
    private final StallWatch stallWatch;

    public Transfers(int partSize, int partsInFlight, Executor executor, Deadlines deadlines) {
        this(partSize, partsInFlight, executor, deadlines, new StallWatch(deadlines.stall()));
    }

    private Transfers(int partSize, int partsInFlight, Executor executor, Deadlines deadlines, StallWatch stallWatch) {
        if (partSize <= 0 || partsInFlight <= 0) {
            throw new IllegalArgumentException("part size and parts in flight must be positive");
        }
        this.partSize = partSize;
        this.partsInFlight = partsInFlight;
        this.executor = executor;
        this.deadlines = deadlines;
        this.stallWatch = stallWatch;
    }

    /** One part at a time on the calling thread: for listings and small objects. */
    public static Transfers serial(int partSize, Deadlines deadlines) {
        return new Transfers(partSize, 1, Runnable::run, deadlines);
    }

    /** The same transfers with at most {@code limit} parts in flight. */
    public Transfers atMost(int limit) {
        return limit >= partsInFlight ? this : new Transfers(partSize, Math.max(1, limit), executor, deadlines, stallWatch);
    }

    /**
     * The download, read ahead on another thread when this transfer may use one, and watched for stalls.
     *
     * @param abort closes the download's connection at once, when a stall leaves its reader blocked
     */
    public InputStream readAhead(InputStream download, String store, String key, Runnable abort) {
        if (partsInFlight == 1) {
            return download;
        }
        return new ReadAheadInputStream(download, READ_AHEAD_CHUNK, 2 * partsInFlight, executor,
                stall -> stallWatch.watch(store, "downloading " + key, stall), abort);
    }

    public int partSize() {
        return partSize;
    }

    public int partsInFlight() {
        return partsInFlight;
    }

    public Executor executor() {
        return executor;
    }

    public Deadlines deadlines() {
        return deadlines;
    }

    public StallWatch stallWatch() {
        return stallWatch;
    }
}
