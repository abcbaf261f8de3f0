package io.lifeboat.cli;

import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressPrinterTest {

    @Test
    void showsBytesRateAndTimeLeft() {
        Instant started = Instant.now().minusSeconds(10);
        RunView.Step half = new RunView.Step(0, RunState.IN_PROGRESS, 50_000_000, 100_000_000, started, null, null);
        RunView.Step done = new RunView.Step(1, RunState.COMPLETE, 100_000_000, 100_000_000, started, Instant.now(), null);
        RunView view = new RunView("id", "backup-s3", "s", "cli", RunState.IN_PROGRESS, started, null, null, List.of(), List.of(half, done));

        String line = ProgressPrinter.line(view);
        String step = ProgressPrinter.stepLine(half, started);

        // The rate is measured against the clock: allow for a slow test thread.
        assertTrue(line.matches("\\[#{15}\\.{5}]  75% 150\\.0 MB of 200\\.0 MB, nodes 1/2 done, 1[45]\\.\\d MB/s, ETA \\d+ s"), line);
        assertTrue(step.matches("  node 0: IN_PROGRESS  50% 50\\.0 MB of 100\\.0 MB, [45]\\.\\d MB/s, ETA 1[01] s"), step);
    }
}
