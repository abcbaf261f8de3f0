package io.lifeboat.cassandra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One running SSTable loader JVM. Its stdout lines wait in a queue, so the caller waits on them interruptibly; the
 * last lines of its stderr are kept (and logged at DEBUG). Closing it kills whatever still runs, children included.
 */
final class LoaderProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoaderProcess.class);
    private static final int STDERR_LINES_KEPT = 100;
    /** Stands for the end of stdout in the queue, which holds no null. */
    private static final Optional<String> END = Optional.empty();

    private final Process process;
    private final BlockingQueue<Optional<String>> stdout = new LinkedBlockingQueue<>();
    private final OutputTail stderr = new OutputTail(STDERR_LINES_KEPT);
    private final Thread stderrReader;

    private LoaderProcess(Process process) {
        this.process = process;
        long pid = process.pid();
        readLines(process.getInputStream(), "sstable-loader-" + pid + "-stdout", line -> stdout.add(Optional.of(line)),
                () -> stdout.add(END));
        this.stderrReader = readLines(process.getErrorStream(), "sstable-loader-" + pid + "-stderr", line -> {
            stderr.add(line);
            LOG.debug("sstable loader {}: {}", pid, line);
        }, () -> { });
    }

    static LoaderProcess start(List<String> command) throws IOException {
        try {
            return new LoaderProcess(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new IOException("cannot start the SSTable loader (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Writes the request and closes stdin. A loader that died at once makes this fail: its exit says why, not the pipe. */
    void send(byte[] request) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(request);
        } catch (IOException e) {
            LOG.debug("sstable loader {} took no request: {}", process.pid(), e.getMessage());
        }
    }

    /** The next line of stdout, waiting for it; empty once stdout has ended. */
    Optional<String> nextLine() throws InterruptedException {
        return stdout.take();
    }

    /** Waits for the loader to exit and its stderr to be read to the end. */
    int awaitExit() throws InterruptedException {
        int exitCode = process.waitFor();
        stderrReader.join();
        return exitCode;
    }

    OutputTail stderr() {
        return stderr;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            LOG.debug("killing sstable loader {}", process.pid());
            // Listed before the kill: once the loader is gone, its children are no longer its descendants.
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A daemon thread that reads a stream line by line to its end, or until the process is killed. */
    private static Thread readLines(InputStream stream, String name, Consumer<String> eachLine, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    eachLine.accept(line);
                }
            } catch (IOException e) {
                LOG.debug("{}: {}", name, e.getMessage());
            } finally {
                atEnd.run();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
