package io.lifeboat.store;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One daemon clock for the store's timed chores (stall checks, claim renewals); its thread ends when idle. */
final class Ticker {

    static final ScheduledThreadPoolExecutor SHARED = create();

    private Ticker() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "lifeboat-store-ticker");
            thread.setDaemon(true);
            return thread;
        });
        ticker.setKeepAliveTime(5, TimeUnit.SECONDS);
        ticker.allowCoreThreadTimeOut(true);
        ticker.setRemoveOnCancelPolicy(true);
        return ticker;
    }
}
