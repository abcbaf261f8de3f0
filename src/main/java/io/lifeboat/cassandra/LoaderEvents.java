package io.lifeboat.cassandra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.kernel.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Reads the SSTable loader's JSON lines ({@code progress}, {@code table}, {@code done}, {@code failed}): passes the
 * bytes sent on as they come, adds up the tables' hosts, and turns the end into a result or a one-line failure.
 */
final class LoaderEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LoaderEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LongConsumer bytesSent;
    private final Map<String, Long> bytesPerHost = new TreeMap<>();
    private long told;
    private long tablesBytes;
    private Duration took;
    private String failure;
    private Optional<String> failedHost = Optional.empty();

    LoaderEvents(LongConsumer bytesSent) {
        this.bytesSent = bytesSent;
    }

    void accept(String line) {
        JsonNode event = parse(line);
        switch (event.path("event").asText()) {
            case "progress" -> tell(event.path("bytesSent").asLong());
            case "table" -> table(event);
            case "done" -> {
                tell(event.path("bytesSent").asLong());
                took = Duration.ofMillis(event.path("millis").asLong());
            }
            case "failed" -> {
                failure = Printable.of(event.path("message").asText("the SSTable loader failed"));
                failedHost = Optional.ofNullable(event.get("host")).map(JsonNode::asText);
            }
            default -> LOG.debug("sstable loader said something else: {}", Printable.of(line));
        }
    }

    /** The result of a loader that said it was done and exited 0; otherwise why not, in one line. */
    SSTableStreaming.Result result(int exitCode, OutputTail stderr) throws SSTableStreamingException {
        if (failure != null) {
            throw new SSTableStreamingException(failure, failedHost);
        }
        if (exitCode == 0 && took != null) {
            return new SSTableStreaming.Result(told, Map.copyOf(bytesPerHost), took);
        }
        String outcome = exitCode == 0 ? "the SSTable loader ended without saying it was done"
                : "the SSTable loader exited with code " + exitCode;
        throw new SSTableStreamingException(outcome + stderr.lastMeaningful().map(line -> ": " + Printable.of(line)).orElse(""),
                Optional.empty());
    }

    private void table(JsonNode event) {
        event.path("hosts").properties().forEach(host -> bytesPerHost.merge(host.getKey(), host.getValue().asLong(), Long::sum));
        tablesBytes += event.path("bytesSent").asLong();
        tell(tablesBytes);
    }

    /** Passes on what the loader sent beyond what was told before: its counts are totals since it started. */
    private void tell(long total) {
        if (total > told) {
            long delta = total - told;
            told = total;
            bytesSent.accept(delta);
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            return event == null ? JSON.createObjectNode() : event;
        } catch (JsonProcessingException e) {
            // Not an event (the loader writes nothing else to stdout, but a JVM may): seen at DEBUG, else ignored.
            return JSON.createObjectNode();
        }
    }
}
