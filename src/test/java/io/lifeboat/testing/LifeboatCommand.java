package io.lifeboat.testing;

import io.lifeboat.app.Cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the lifeboat command line in this JVM, as the launcher would, and keeps what it printed. */
public final class LifeboatCommand {

    /** What one command did. */
    public record Outcome(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private LifeboatCommand() {
    }

    /** {@code lifeboat plan start <plan> --cluster <file> -p K=V ...} with an empty environment. */
    public static Outcome plan(String plan, Path cluster, Map<String, String> parameters) {
        List<String> words = new ArrayList<>(List.of("plan", "start", plan, "--cluster", cluster.toString()));
        parameters.forEach((name, value) -> {
            words.add("-p");
            words.add(name + "=" + value);
        });
        return run(Map.of(), words.toArray(String[]::new));
    }

    /** What a command that writes bytes (lifeboat cat) wrote, exactly; fails on any exit but 0. */
    public static byte[] bytes(String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), Path.of("").toAbsolutePath()).run(words);
        if (exit != 0) {
            throw new AssertionError("exit " + exit + ": " + err.toString(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    public static Outcome run(Map<String, String> environment, String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment, Path.of("").toAbsolutePath()).run(words);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
