package io.lifeboat.loader;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reason a host's stream failed, which Cassandra writes as a bounded stack trace, said in one line. */
class PlanOutcomeTest {

    @Test
    void keepsTheMessagesOfTheExceptionChain() {
        String failureReason = """
                Failed because of an unknown exception
                java.io.IOException: failed to connect to /127.0.0.1:7001(/127.0.0.1:7001) for streaming data
                \tat org.apache.cassandra.streaming.async.NettyStreamingConnectionFactory.connect(NettyStreamingConnectionFactory.java:86)
                \tat org.apache.cassandra.tools.BulkLoadConnectionFactory.create(BulkLoadConnectionFactory.java:70)
                io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: /127.0.0.1:7001
                \tat io.netty.channel.unix.Errors.newConnectException0(Errors.java:166)
                """;

        assertEquals("failed to connect to /127.0.0.1:7001(/127.0.0.1:7001) for streaming data: Connection refused: /127.0.0.1:7001",
                PlanOutcome.reason(failureReason));
    }

    @Test
    void aConnectionThatClosedUnderTheStreamIsSaidInWords() {
        assertEquals("the connection closed while streaming (is the node down?)",
                PlanOutcome.reason("Failed because there was an java.nio.channels.ClosedChannelException with state=STREAMING"));
        assertEquals("no reason given", PlanOutcome.reason(null));
    }
}
