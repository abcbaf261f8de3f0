package io.lifeboat.kernel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Tasks run at most {@code limit} at a time on an executor, each started once a slot is free: the first failure
 * stops new ones and is thrown, once, to whoever submits or waits next. Nothing grows with the number of tasks.
 */
public final class InFlight {

    /** What is done to each item of {@link #each}. */
    @FunctionalInterface
    public interface Each<T> {
        void on(T item) throws IOException;
    }

    /** A task that may fail with an I/O error. */
    @FunctionalInterface
    public interface Task {
        void run() throws IOException;
    }

    private final Executor executor;
    private final int limit;
    private final Semaphore slots;
    private volatile Throwable failure;

    public InFlight(Executor executor, int limit) {
        this.executor = executor;
        this.limit = limit;
        this.slots = new Semaphore(limit);
    }

    /**
     * Does {@code each} to every item, at most {@code limit} at once on daemon threads named {@code threads} that end
     * with the call; the first failure stops the rest and is thrown.
     */
    public static <T> void each(String threads, int limit, Collection<T> items, Each<T> each) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        int size = Math.min(limit, items.size());
        ExecutorService pool = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, threads);
            thread.setDaemon(true);
            return thread;
        });
        try {
            InFlight inFlight = new InFlight(pool, size);
            for (T item : items) {
                inFlight.submit(() -> each.on(item));
            }
            inFlight.awaitAll();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts {@code task} once a slot is free; throws at once if an earlier task failed. */
    public void submit(Task task) throws IOException {
        throwIfFailed();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a transfer to end");
        }
        try {
            executor.execute(() -> {
                try {
                    if (failure == null) {
                        task.run();
                    }
                } catch (IOException | RuntimeException | Error e) {
                    if (failure == null) {
                        failure = e;
                    }
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException rejected) {
            slots.release();
            throw rejected;
        }
    }

    /** Waits for every task still running, then throws the first failure, if any. */
    public void awaitAll() throws IOException {
        slots.acquireUninterruptibly(limit);
        slots.release(limit);
        throwIfFailed();
    }

    private void throwIfFailed() throws IOException {
        Throwable failed = failure;
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failed instanceof Error error) {
            throw error;
        }
    }
}
