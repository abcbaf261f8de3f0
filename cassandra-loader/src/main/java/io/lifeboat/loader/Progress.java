package io.lifeboat.loader;

import java.time.Duration;

/** Bytes sent since the loader started; tells Lifeboat at most every quarter of a second, so stdout stays small. */
final class Progress {

    private static final long INTERVAL_NANOS = Duration.ofMillis(250).toNanos();

    private final Events events;
    private long bytesSent;
    private long reportedAt;
    private boolean reported;

    Progress(Events events) {
        this.events = events;
    }

    synchronized void sent(long bytes) {
        bytesSent += bytes;
        long now = System.nanoTime();
        if (!reported || now - reportedAt >= INTERVAL_NANOS) {
            reported = true;
            reportedAt = now;
            events.progress(bytesSent);
        }
    }

    synchronized long bytesSent() {
        return bytesSent;
    }
}
