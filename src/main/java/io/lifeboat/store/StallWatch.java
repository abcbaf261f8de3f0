package io.lifeboat.store;

import io.lifeboat.claim.Ticker;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Watches transfers: one that waits on its store and moves no byte for the stall timeout is failed with
 * "no progress from &lt;store&gt; for N s", so a frozen or dead store ends the plan instead of hanging it.
 * A transfer that waits on Lifeboat (compressing, writing to disk) is not the store's stall.
 */
public final class StallWatch {

    private static final Duration TICK = Duration.ofSeconds(1);

    private final Duration timeout;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();

    public StallWatch(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Starts watching a transfer.
     *
     * @param store   the store, as messages name it
     * @param what    e.g. "uploading nightly/node-0.tar.gz"
     * @param onStall told the failure when the transfer stalls: it must unblock whoever waits on the transfer
     */
    public Watched watch(String store, String what, Consumer<StoreUnavailableException> onStall) {
        Watched transfer = new Watched(store, what, onStall);
        watched.add(transfer);
        if (ticking.compareAndSet(false, true)) {
            Ticker.SHARED.schedule(this::check, TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
        return transfer;
    }

    private void check() {
        long now = System.nanoTime();
        for (Watched transfer : watched) {
            if (transfer.waiting > 0 && now - transfer.lastProgress > timeout.toNanos()) {
                watched.remove(transfer);
                transfer.onStall.accept(new StoreUnavailableException("no progress from " + transfer.store + " for " + timeout.toSeconds()
                        + " s while " + transfer.what));
            }
        }
        ticking.set(false);
        if (!watched.isEmpty() && ticking.compareAndSet(false, true)) {
            Ticker.SHARED.schedule(this::check, TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One transfer: told when requests to the store start and end, and of every byte that moves. */
    public final class Watched implements AutoCloseable {

        private final String store;
        private final String what;
        private final Consumer<StoreUnavailableException> onStall;
        private volatile long lastProgress = System.nanoTime();
        private volatile int waiting;

        private Watched(String store, String what, Consumer<StoreUnavailableException> onStall) {
            this.store = store;
            this.what = what;
            this.onStall = onStall;
        }

        /** A request to the store begins; the clock runs while any is outstanding. */
        public synchronized void requestStarted() {
            if (waiting++ == 0) {
                lastProgress = System.nanoTime();
            }
        }

        public synchronized void requestEnded() {
            waiting--;
            lastProgress = System.nanoTime();
        }

        public void moved(long bytes) {
            if (bytes > 0) {
                lastProgress = System.nanoTime();
            }
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
