package io.lifeboat.loader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Lifeboat's SSTable loader: streams staged SSTables into a live Cassandra cluster with Cassandra's own streaming,
 * as sstableloader does, but takes its request (credentials included) as one JSON object on stdin and answers in
 * JSON lines on stdout: {@code progress}, {@code table} after each table, then {@code done}, or {@code failed} and
 * exit code 1. Logs (WARN and above) go to stderr.
 */
public final class StreamSSTables {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSSTables.class);

    private StreamSSTables() {
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        // Only events go to stdout: whatever else prints there (a library, the driver) goes to stderr instead.
        System.setOut(System.err);
        int status = run(new Events(stdout));
        stdout.flush();
        // Streaming and driver threads are not daemons: leave without waiting for them.
        System.exit(status);
    }

    private static int run(Events events) {
        try {
            new Load(LoadRequest.read(System.in), events).run();
            return 0;
        } catch (LoadFailure e) {
            events.failed(e.getMessage(), e.host());
        } catch (RuntimeException | Error e) {
            // The stack trace is for stderr, which Lifeboat logs at DEBUG; the event says it in one line.
            LOG.error("SSTable load failed", e);
            events.failed(LoadFailure.reason(e), Optional.empty());
        }
        return 1;
    }
}
