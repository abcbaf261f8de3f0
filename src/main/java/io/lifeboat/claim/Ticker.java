package io.lifeboat.claim;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon clock for timed chores (stall checks, claim renewals); its thread ends when idle. The clock
 * itself never waits on a store or a disk: a chore that does runs on {@link #CHORES}.
 */
public final class Ticker {

    public static final ScheduledThreadPoolExecutor SHARED = create();
    public static final ExecutorService CHORES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "lifeboat-chore");
        thread.setDaemon(true);
        return thread;
    });

    private Ticker() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "lifeboat-ticker");
            thread.setDaemon(true);
            return thread;
        });
        ticker.setKeepAliveTime(5, TimeUnit.SECONDS);
        ticker.allowCoreThreadTimeOut(true);
        ticker.setRemoveOnCancelPolicy(true);
        return ticker;
    }
}
