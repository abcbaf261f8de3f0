package io.lifeboat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the {@code ./lifeboat} launcher as its own process, the way an operator does. */
public final class LauncherProcess {

    private static final Duration LONGEST_RUN = Duration.ofMinutes(10);

    private final Process process;
    private final Path out;
    private final Path err;
    private final long startedAt = System.nanoTime();

    private LauncherProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** What a finished run did, and how long it took. */
    public record Finished(LifeboatCommand.Outcome outcome, Duration took) {
    }

    /**
     * Runs {@code lifeboat <words>} to its end.
     *
     * @param javaOptions passed through LIFEBOAT_JAVA_OPTS, e.g. "-Xmx128m"
     * @param environment the only environment variables the process gets besides PATH and HOME
     */
    public static LifeboatCommand.Outcome run(String javaOptions, Map<String, String> environment, Path logs, List<String> words)
            throws IOException, InterruptedException {
        return start(javaOptions, environment, logs, words).await(LONGEST_RUN).outcome();
    }

    /** Starts {@code lifeboat <words>} and returns at once. */
    public static LauncherProcess start(String javaOptions, Map<String, String> environment, Path logs, List<String> words)
            throws IOException {
        return start(List.of(), javaOptions, environment, logs, words);
    }

    /**
     * Runs {@code lifeboat <words>} to its end in a mount namespace of its own where {@code hidden} is an empty
     * tmpfs: the process cannot read what the folder holds, so whatever it does there is done by someone else.
     */
    public static LifeboatCommand.Outcome runWithout(Path hidden, String javaOptions, Map<String, String> environment, Path logs,
                                                     List<String> words) throws IOException, InterruptedException {
        return start(List.of("unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs \"$0\" && exec \"$@\"", hidden.toString()),
                javaOptions, environment, logs, words).await(LONGEST_RUN).outcome();
    }

    private static LauncherProcess start(List<String> prefix, String javaOptions, Map<String, String> environment, Path logs,
                                         List<String> words) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of("lifeboat").toAbsolutePath().toString());
        command.addAll(words);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", "JAVA_HOME"));
        builder.environment().putAll(environment);
        builder.environment().put("LIFEBOAT_JAVA_OPTS", javaOptions);
        Path out = Files.createTempFile(logs, "lifeboat", ".out");
        Path err = Files.createTempFile(logs, "lifeboat", ".err");
        return new LauncherProcess(builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    /** Kills the process as a crash or an operator's {@code kill -9} would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        // The launcher execs java, so the process is the JVM itself.
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** What the process has written so far, stdout then stderr. */
    public String output() throws IOException {
        return read(out) + read(err);
    }

    /** Sends SIGTERM, as Ctrl-C or systemd would, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Asks the process to stop (SIGTERM), as an operator or systemd would, and waits until it is gone. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Waits for the end of the run; fails the test if it takes longer than {@code timeout}. */
    public Finished await(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lifeboat did not finish within " + timeout.toSeconds() + " s\n--- stdout\n" + read(out)
                    + "--- stderr\n" + read(err));
        }
        return new Finished(new LifeboatCommand.Outcome(process.exitValue(), read(out), read(err)),
                Duration.ofNanos(System.nanoTime() - startedAt));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
