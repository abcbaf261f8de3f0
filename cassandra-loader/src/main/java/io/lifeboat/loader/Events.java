package io.lifeboat.loader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The loader's only output: one JSON object per line on stdout, flushed at once, which Lifeboat reads as it comes. */
final class Events {

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    Events(PrintStream out) {
        this.out = out;
    }

    /** Bytes sent since the loader started, all tables and hosts together. */
    void progress(long bytesSent) {
        Map<String, Object> event = event("progress");
        event.put("bytesSent", bytesSent);
        emit(event);
    }

    void table(LoadRequest.TableRequest table, TableOutcome outcome) {
        Map<String, Object> event = event("table");
        event.put("keyspace", table.keyspace());
        event.put("table", table.table());
        event.put("bytesSent", outcome.bytesSent());
        event.put("files", outcome.files());
        event.put("hosts", outcome.bytesPerHost());
        emit(event);
    }

    void done(long bytesSent, long millis) {
        Map<String, Object> event = event("done");
        event.put("bytesSent", bytesSent);
        event.put("millis", millis);
        emit(event);
    }

    void failed(String message, Optional<String> host) {
        Map<String, Object> event = event("failed");
        event.put("message", message);
        host.ifPresent(address -> event.put("host", address));
        emit(event);
    }

    private static Map<String, Object> event(String name) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        return event;
    }

    private synchronized void emit(Map<String, Object> event) {
        try {
            out.println(json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
