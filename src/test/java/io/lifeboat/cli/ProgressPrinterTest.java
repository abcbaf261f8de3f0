package io.lifeboat.cli;

import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressPrinterTest {

    private static final Instant STARTED = Instant.parse("2026-11-27T02:00:00Z");
    private static final Instant TEN_SECONDS_LATER = STARTED.plusSeconds(10);

    @Test
    void showsBytesRateAndTimeLeft() {
        RunView.Step half = new RunView.Step(0, RunState.IN_PROGRESS, 50_000_000, 100_000_000, STARTED, null, null);
        RunView.Step done = new RunView.Step(1, RunState.COMPLETE, 100_000_000, 100_000_000, STARTED, STARTED.plusSeconds(8), null);
        RunView view = new RunView("id", "backup-s3", "s", "cli", RunState.IN_PROGRESS, STARTED, null, null, List.of(), List.of(half, done));

        assertEquals("[###############.....]  75% 150.0 MB of 200.0 MB, nodes 1/2 done, 15.0 MB/s, ETA 3 s",
                ProgressPrinter.line(view, TEN_SECONDS_LATER));
        assertEquals("  node 0: IN_PROGRESS  50% 50.0 MB of 100.0 MB, 5.0 MB/s, ETA 10 s",
                ProgressPrinter.stepLine(half, STARTED, TEN_SECONDS_LATER));
    }

    @Test
    void aNodeNotStartedIsWaiting() {
        RunView.Step waiting = new RunView.Step(2, RunState.PENDING, 0, 100_000_000, null, null, null);

        assertEquals("  node 2: PENDING       0% 0 B of 100.0 MB, waiting", ProgressPrinter.stepLine(waiting, null, TEN_SECONDS_LATER));
    }

    @Test
    void printsTheNodesThatEndedWhenItCloses() throws InterruptedException {
        RunProgress progress = new RunProgress(Plan.BACKUP_LOCAL, "s", "cli");
        progress.started();
        progress.node(0).start(3);
        progress.node(0).add(3);
        progress.node(0).complete();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ProgressPrinter(progress, new PrintStream(out, true, StandardCharsets.UTF_8), false, Duration.ofHours(1),
                Clock.fixed(TEN_SECONDS_LATER, ZoneOffset.UTC)).close();

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("  node 0: COMPLETE    100% 3 B of 3 B"), lines.get(0));
    }
}
