package io.lifeboat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the {@code ./lifeboat} launcher as its own process, the way an operator does. */
public final class LauncherProcess {

    private LauncherProcess() {
    }

    /**
     * @param javaOptions passed through LIFEBOAT_JAVA_OPTS, e.g. "-Xmx128m"
     * @param environment the only environment variables the process gets besides PATH and HOME
     */
    public static LifeboatCommand.Outcome run(String javaOptions, Map<String, String> environment, Path logs, List<String> words)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of("lifeboat").toAbsolutePath().toString());
        command.addAll(words);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", "JAVA_HOME"));
        builder.environment().putAll(environment);
        builder.environment().put("LIFEBOAT_JAVA_OPTS", javaOptions);
        Path out = Files.createTempFile(logs, "lifeboat", ".out");
        Path err = Files.createTempFile(logs, "lifeboat", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("lifeboat " + words + " did not finish in 10 minutes");
        }
        return new LifeboatCommand.Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
