package io.lifeboat.cli;

import io.lifeboat.kernel.RunProgress;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While a plan runs from the command line, Ctrl-C or SIGTERM stops it the clean way (uploads aborted,
 * staging removed, no manifest) instead of killing the JVM mid-write.
 */
public final class StopOnSignal implements AutoCloseable {

    private static final long UNWIND_SECONDS = 60;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    public StopOnSignal(RunProgress progress) {
        this.hook = new Thread(() -> {
            progress.requestStop();
            try {
                finished.await(UNWIND_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lifeboat-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it only waited for this close.
        }
    }
}
