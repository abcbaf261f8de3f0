package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A process and every process it started, listed at one moment so that one signal reaches them all. */
final class ProcessTree {

    private final List<ProcessHandle> processes;

    private ProcessTree(List<ProcessHandle> processes) {
        this.processes = processes;
    }

    /** Lists them now: once a parent is gone its orphans are no longer its descendants. */
    static ProcessTree of(Process root) {
        return new ProcessTree(Stream.concat(Stream.of(root.toHandle()), root.descendants()).toList());
    }

    /** Sends {@code kill -NAME} to all of them: STOP and CONT, which Java has no call for. */
    void signal(String name) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** SIGKILL to all, as a crash would, then waits until every one is gone. */
    void kill(Duration timeout) {
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            if (!awaitExit(process, timeout)) {
                throw new IllegalStateException("Process " + process.pid() + " still runs " + timeout.toSeconds()
                        + " s after SIGKILL");
            }
        }
    }

    /** SIGTERM to all, so that each may clean up, then SIGKILL to whatever is left after {@code timeout}. */
    void stop(Duration timeout) {
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : processes) {
            if (!awaitExit(process, timeout)) {
                process.destroyForcibly();
                awaitExit(process, timeout);
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot wait for process " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
