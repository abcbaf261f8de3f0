package io.lifeboat.cli;

import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Shows a run's progress per node while it goes: a live bar redrawn in place on a terminal, a few plain
 * lines otherwise (logs, CI), one when a node ends and one at most every {@code plainInterval}.
 */
public final class ProgressPrinter implements AutoCloseable {

    private static final Duration TERMINAL_REFRESH = Duration.ofMillis(250);
    private static final int BAR_WIDTH = 20;

    private final RunProgress progress;
    private final PrintStream out;
    private final boolean terminal;
    private final Duration plainInterval;
    private final Thread thread;
    private volatile boolean running = true;

    public ProgressPrinter(RunProgress progress, PrintStream out, boolean terminal, Duration plainInterval) {
        this.progress = progress;
        this.out = out;
        this.terminal = terminal;
        this.plainInterval = plainInterval;
        this.thread = new Thread(this::loop, "lifeboat-progress");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        Instant lastPlain = Instant.now();
        long[] lastFinished = {0};
        while (running) {
            try {
                Thread.sleep(TERMINAL_REFRESH.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            RunView view = progress.view();
            if (terminal) {
                out.print("\r" + line(view) + "\u001b[K");
                out.flush();
                continue;
            }
            long finished = view.steps().stream().filter(step -> step.state().finished()).count();
            if (finished != lastFinished[0] || Duration.between(lastPlain, Instant.now()).compareTo(plainInterval) >= 0) {
                lastFinished[0] = finished;
                lastPlain = Instant.now();
                view.steps().forEach(step -> out.println(stepLine(step, view.startedAt())));
            }
        }
    }

    /** One line for all nodes: a bar of the bytes done, the rate and the time left. */
    public static String line(RunView view) {
        long done = view.bytesDone();
        long total = Math.max(view.bytesTotal(), 1);
        int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
        long finished = view.steps().stream().filter(step -> step.state() == RunState.COMPLETE).count();
        return String.format(Locale.ROOT, "[%s%s] %3d%% %s of %s, nodes %d/%d done, %s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                100 * done / total, Report.bytes(done), Report.bytes(view.bytesTotal()), finished, view.steps().size(),
                rateAndEta(done, view.bytesTotal(), view.startedAt()));
    }

    public static String stepLine(RunView.Step step, Instant runStarted) {
        long total = Math.max(step.bytesTotal(), 1);
        return String.format(Locale.ROOT, "  node %d: %-11s %3d%% %s of %s, %s", step.node(), step.state(), 100 * step.bytesDone() / total,
                Report.bytes(step.bytesDone()), Report.bytes(step.bytesTotal()),
                rateAndEta(step.bytesDone(), step.bytesTotal(), step.startedAt() == null ? runStarted : step.startedAt()));
    }

    private static String rateAndEta(long done, long total, Instant since) {
        if (since == null) {
            return "waiting";
        }
        double seconds = Math.max(Duration.between(since, Instant.now()).toMillis() / 1000.0, 0.001);
        double rate = done / seconds;
        String eta = rate <= 0 || done >= total ? "-" : Math.round((total - done) / rate) + " s";
        return String.format(Locale.ROOT, "%.1f MB/s, ETA %s", rate / 1e6, eta);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        if (terminal) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }
}
