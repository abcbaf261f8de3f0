package io.lifeboat.cassandra;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The loader's JSON lines as Lifeboat reads them: progress passed on as it comes, the end as a result or one line. */
class LoaderEventsTest {

    private final List<Long> told = new ArrayList<>();
    private final LoaderEvents events = new LoaderEvents(told::add);

    @Test
    void passesOnWhatWasSentSinceTheLastCallAndAddsUpTheHosts() throws Exception {
        events.accept("{\"event\":\"progress\",\"bytesSent\":100}");
        events.accept("{\"event\":\"progress\",\"bytesSent\":250}");
        events.accept("{\"event\":\"table\",\"keyspace\":\"shop\",\"table\":\"users\",\"bytesSent\":300,\"files\":2,"
                + "\"hosts\":{\"127.0.0.5\":200,\"127.0.0.6\":100}}");
        events.accept("{\"event\":\"table\",\"keyspace\":\"shop\",\"table\":\"empty\",\"bytesSent\":0,\"files\":0,\"hosts\":{}}");
        events.accept("{\"event\":\"table\",\"keyspace\":\"shop\",\"table\":\"orders\",\"bytesSent\":50,\"files\":1,"
                + "\"hosts\":{\"127.0.0.5\":50}}");
        events.accept("{\"event\":\"done\",\"bytesSent\":350,\"millis\":1234}");

        SSTableStreaming.Result result = events.result(0, new OutputTail(10));

        assertEquals(List.of(100L, 150L, 50L, 50L), told);
        assertEquals(new SSTableStreaming.Result(350, Map.of("127.0.0.5", 250L, "127.0.0.6", 100L), Duration.ofMillis(1234)), result);
    }

    @Test
    void theLoadersFailureIsTheMessageAndNamesTheHost() {
        events.accept("{\"event\":\"failed\",\"message\":\"streaming shop.users to 127.0.0.6 failed: Connection refused\","
                + "\"host\":\"127.0.0.6\"}");

        SSTableStreamingException failure = assertThrows(SSTableStreamingException.class, () -> events.result(1, new OutputTail(10)));

        assertEquals("streaming shop.users to 127.0.0.6 failed: Connection refused", failure.getMessage());
        assertEquals(Optional.of("127.0.0.6"), failure.host());
    }

    @Test
    void aLoaderThatSaidNothingFailsWithItsLastMeaningfulStderrLine() {
        OutputTail stderr = new OutputTail(3);
        List.of("WARNING: something early", "Exception in thread \"main\" java.lang.NoClassDefFoundError: org/apache/cassandra/X",
                "\tat io.lifeboat.loader.Load.run(Load.java:20)", "Caused by: java.lang.ClassNotFoundException: X", "").forEach(stderr::add);
        events.accept("not json");

        SSTableStreamingException failure = assertThrows(SSTableStreamingException.class, () -> events.result(1, stderr));

        assertEquals("the SSTable loader exited with code 1", failure.getMessage());
        assertEquals(Optional.empty(), failure.host());
    }

    @Test
    void saysTheExitCodeAndTheLinesThatExplainIt() {
        OutputTail stderr = new OutputTail(100);
        List.of("Error: Could not find or load main class io.lifeboat.loader.StreamSSTables",
                "Caused by: java.lang.ClassNotFoundException: io.lifeboat.loader.StreamSSTables").forEach(stderr::add);

        assertEquals("the SSTable loader exited with code 1: Error: Could not find or load main class io.lifeboat.loader.StreamSSTables",
                assertThrows(SSTableStreamingException.class, () -> events.result(1, stderr)).getMessage());
        assertEquals("the SSTable loader ended without saying it was done",
                assertThrows(SSTableStreamingException.class, () -> events.result(0, new OutputTail(1))).getMessage());
    }
}
