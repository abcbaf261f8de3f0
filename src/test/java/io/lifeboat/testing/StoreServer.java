package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A store server process (S3Mock or Azurite) on a free loopback port, which a test may freeze, kill and
 * restart to see what Lifeboat does when its store stops answering or dies.
 *
 * <p>Drive one from a single test thread. Its log ({@code s3mock.log}, {@code azurite.log}) and any files
 * it writes stay in the work folder given at start; give each server a folder of its own.
 */
public abstract class StoreServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;
    private volatile Process process;

    StoreServer(String name, Path workDir) {
        this.name = name;
        this.workDir = workDir;
        this.log = workDir.resolve(name.toLowerCase(Locale.ROOT) + ".log");
        this.port = TestProcesses.freePorts(1)[0];
        // Safety net: a JVM that exits without closing the server must not leave it behind.
        this.shutdownHook = new Thread(this::stop, name.toLowerCase(Locale.ROOT) + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a private S3Mock whose log and store live in {@code workDir}. */
    public static S3MockServer s3Mock(Path workDir) {
        S3MockServer server = new S3MockServer(workDir);
        startTogether(server);
        return server;
    }

    /** Starts a private Azurite (blob service, in memory) whose log lives in {@code workDir}. */
    public static AzuriteServer azurite(Path workDir) {
        AzuriteServer server = new AzuriteServer(workDir);
        startTogether(server);
        return server;
    }

    /** Launches all before waiting for any, so that their start-up times overlap; closes all if one fails. */
    static void startTogether(StoreServer... servers) {
        try {
            for (StoreServer server : servers) {
                server.launch(ProcessBuilder.Redirect.to(server.log.toFile()));
            }
            for (StoreServer server : servers) {
                server.awaitReady();
            }
        } catch (RuntimeException | Error e) {
            for (StoreServer server : servers) {
                server.close();
            }
            throw e;
        }
    }

    /** The loopback port the server listens on; {@link #restart()} keeps it. */
    public int port() {
        return port;
    }

    /** Where a client reaches the server, e.g. {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return endpointAt(port);
    }

    /** Where a client reaches the server through {@code proxy}. */
    public String endpointThrough(GatedProxy proxy) {
        return endpointAt(proxy.port());
    }

    /** The endpoint with {@code port} in place of the server's own. */
    abstract String endpointAt(int port);

    /** The command line that serves on {@code port} from {@code workDir}. */
    abstract List<String> command(Path workDir, int port);

    /**
     * Stops the server and every process it started with SIGSTOP: connections are still accepted by the
     * kernel, but nothing answers, as with a hung server.
     */
    public void freeze() {
        runningTree().signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT); requests that waited meanwhile are then served. */
    public void thaw() {
        runningTree().signal("CONT");
    }

    /** Kills the server and every process it started with SIGKILL, as a crash would, and waits until they are gone. */
    public void kill() {
        runningTree().kill(STOP_TIMEOUT);
    }

    /**
     * Starts the server again on the same port, stopping it first if it still runs. It comes back empty:
     * no bucket, container or object survives a restart.
     */
    public void restart() {
        stop();
        // Appends, so that the log still shows the life before the restart.
        launch(ProcessBuilder.Redirect.appendTo(log.toFile()));
        awaitReady();
    }

    /** Stops the server, thawing it first if frozen; leaves no process behind. */
    @Override
    public void close() {
        stop();
        TestProcesses.removeShutdownHook(shutdownHook);
    }

    private void launch(ProcessBuilder.Redirect output) {
        List<String> command = command(workDir, port);
        try {
            Files.createDirectories(workDir);
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Waits until the server answers any HTTP request; fails early if the process dies. */
    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint())).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw startFailure(name + " exited with code " + process.exitValue());
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                TestProcesses.sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw startFailure("Interrupted while waiting for " + name);
            }
        }
        throw startFailure(name + " did not answer on " + endpoint() + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    private IllegalStateException startFailure(String message) {
        return new IllegalStateException(message + "; last lines of " + log + ":\n" + TestProcesses.tail(log));
    }

    private ProcessTree runningTree() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException(name + " on port " + port + " is not running");
        }
        return ProcessTree.of(current);
    }

    /** Thaws first, since a frozen process cannot act on SIGTERM; asks politely so that S3Mock removes its store. */
    private void stop() {
        Process current = process;
        if (current != null && current.isAlive()) {
            ProcessTree tree = ProcessTree.of(current);
            tree.signal("CONT");
            tree.stop(STOP_TIMEOUT);
        }
    }
}
