package io.lifeboat.loader;

import org.apache.cassandra.streaming.SessionInfo;
import org.apache.cassandra.streaming.StreamException;
import org.apache.cassandra.streaming.StreamResultFuture;
import org.apache.cassandra.streaming.StreamState;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Waits for a stream plan and turns a host's failed or aborted stream into one line naming the host. */
final class PlanOutcome {

    private static final String UNKNOWN_EXCEPTION_HEADER = "Failed because of an unknown exception";
    /** StreamSession.onError's words for a connection that ended under the stream (the peer went away). */
    private static final Pattern CONNECTION_LOST =
            Pattern.compile("Failed because there was an [\\w.]*(EOFException|ClosedChannelException) with state=(\\w+)");

    private PlanOutcome() {
    }

    static void await(StreamResultFuture future, String table) {
        StreamState state;
        try {
            state = future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StreamException failed
                    ? hostFailure(failed.finalState, table)
                    : new LoadFailure("streaming " + table + " failed: " + LoadFailure.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadFailure("interrupted while streaming " + table);
        }
        // Cassandra counts an aborted stream as a success: not every byte reached that host.
        if (state.hasAbortedSession()) {
            throw hostFailure(state, table);
        }
    }

    private static LoadFailure hostFailure(StreamState state, String table) {
        for (SessionInfo toHost : state.sessions()) {
            if (toHost.isFailed() || toHost.isAborted()) {
                String host = toHost.peer.getAddress().getHostAddress();
                String why = toHost.isAborted() ? "the stream was aborted" : reason(toHost.failureReason);
                return new LoadFailure("streaming " + table + " to " + host + " failed: " + why, host);
            }
        }
        return new LoadFailure("streaming " + table + " failed");
    }

    /**
     * The failure reason of a host's stream is its exception chain with bounded stack traces ("Class: message" lines, then
     * tab-indented frames): the messages alone, each once, say it in one line.
     */
    static String reason(String failureReason) {
        if (failureReason == null || failureReason.isBlank()) {
            return "no reason given";
        }
        Set<String> messages = new LinkedHashSet<>();
        for (String line : failureReason.split("\\R")) {
            if (!line.isBlank() && !line.startsWith("\t") && !line.equals(UNKNOWN_EXCEPTION_HEADER)) {
                messages.add(line.replaceFirst("^[\\w.$]+(Exception|Error): ", "").strip());
            }
        }
        String reason = messages.isEmpty() ? LoadFailure.oneLine(failureReason) : String.join(": ", messages);
        Matcher lost = CONNECTION_LOST.matcher(reason);
        return lost.find() ? "the connection closed while " + lost.group(2).toLowerCase(Locale.ROOT) + " (is the node down?)" : reason;
    }
}
