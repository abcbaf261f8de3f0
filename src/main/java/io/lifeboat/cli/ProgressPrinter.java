package io.lifeboat.cli;

import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;

import java.io.PrintStream;
import java.time.Clock;
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
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    // Read and written by the printing thread, then by close() once that thread has ended.
    private Instant lastPlain;
    private long lastFinished;
    private int notesShown;

    public ProgressPrinter(RunProgress progress, PrintStream out, boolean terminal, Duration plainInterval, Clock clock) {
        this.progress = progress;
        this.out = out;
        this.terminal = terminal;
        this.plainInterval = plainInterval;
        this.clock = clock;
        this.lastPlain = clock.instant();
        this.thread = new Thread(this::loop, "lifeboat-progress");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(TERMINAL_REFRESH.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            show(false);
        }
    }

    /** Redraws the bar, or prints the nodes' lines when one ended or, unless {@code ending}, when the interval passed. */
    private void show(boolean ending) {
        RunView view = progress.view();
        Instant now = clock.instant();
        showNotes(view);
        if (terminal) {
            out.print("\r" + line(view, now) + "\u001b[K");
            out.flush();
            return;
        }
        long finished = view.steps().stream().filter(step -> step.state().finished()).count();
        if (finished != lastFinished || (!ending && Duration.between(lastPlain, now).compareTo(plainInterval) >= 0)) {
            lastFinished = finished;
            lastPlain = now;
            view.steps().forEach(step -> out.println(stepLine(step, view.startedAt(), now)));
        }
    }

    /** The run's notes that were not shown yet, each on a line of its own (above the bar, on a terminal). */
    private void showNotes(RunView view) {
        for (String note : view.notes().subList(notesShown, view.notes().size())) {
            out.println((terminal ? "\r\u001b[K" : "") + note);
        }
        notesShown = view.notes().size();
    }

    /** One line for all nodes, as of {@code now}: a bar of the bytes done, the rate and the time left. */
    static String line(RunView view, Instant now) {
        long done = view.bytesDone();
        long total = Math.max(view.bytesTotal(), 1);
        int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
        long finished = view.steps().stream().filter(step -> step.state() == RunState.COMPLETE).count();
        return String.format(Locale.ROOT, "[%s%s] %3d%% %s of %s, nodes %d/%d done, %s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                100 * done / total, Report.bytes(done), Report.bytes(view.bytesTotal()), finished, view.steps().size(),
                rateAndEta(done, view.bytesTotal(), view.startedAt(), now));
    }

    static String stepLine(RunView.Step step, Instant runStarted, Instant now) {
        long total = Math.max(step.bytesTotal(), 1);
        return String.format(Locale.ROOT, "  node %d: %-11s %3d%% %s of %s, %s", step.node(), step.state(), 100 * step.bytesDone() / total,
                Report.bytes(step.bytesDone()), Report.bytes(step.bytesTotal()),
                rateAndEta(step.bytesDone(), step.bytesTotal(), step.startedAt() == null ? runStarted : step.startedAt(), now));
    }

    private static String rateAndEta(long done, long total, Instant since, Instant now) {
        if (since == null) {
            return "waiting";
        }
        double seconds = Math.max(Duration.between(since, now).toMillis() / 1000.0, 0.001);
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
            showNotes(progress.view());
            out.print("\r\u001b[K");
            out.flush();
        } else {
            // The nodes that ended since the last look are shown, whatever the timing of that look.
            show(true);
        }
    }
}
