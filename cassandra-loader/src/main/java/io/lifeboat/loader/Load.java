package io.lifeboat.loader;

import org.apache.cassandra.config.DatabaseDescriptor;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Streams every table of a request, one after another in this JVM (its start is the costly part), and says so on stdout. */
final class Load {

    private final LoadRequest request;
    private final Events events;

    Load(LoadRequest request, Events events) {
        this.request = request;
        this.events = events;
    }

    void run() {
        long started = System.nanoTime();
        initializeCassandra(request.bytesPerSecond());
        Progress progress = new Progress(events);
        // One ring read per keyspace: the replicas of a range depend on the keyspace's replication.
        Map<String, Ring> rings = new HashMap<>();
        for (LoadRequest.TableRequest table : request.tables()) {
            Ring ring = rings.computeIfAbsent(table.keyspace(), keyspace -> Ring.read(request, keyspace));
            TableOutcome outcome = new TableStreamer(ring, progress, request.connections()).stream(table);
            events.table(table, outcome);
        }
        events.done(progress.bytesSent(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Cassandra's global, JVM-wide state, set once: client mode (an empty configuration: no cassandra.yaml, no data
     * directories, no node of its own; internode encryption off), and streaming at the throughput asked, unthrottled
     * (0) as sstableloader sets it by default (a client's configuration would otherwise cap it at 24 MiB/s). Whole
     * SSTables stream under a limit in MiB/s, so a smaller limit is rounded up to 1 MiB/s for them.
     */
    private static void initializeCassandra(long bytesPerSecond) {
        DatabaseDescriptor.clientInitialization();
        DatabaseDescriptor.setStreamThroughputOutboundBytesPerSec(bytesPerSecond);
        DatabaseDescriptor.setInterDCStreamThroughputOutboundBytesPerSec(bytesPerSecond);
        int mebibytes = bytesPerSecond == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE - 1, Math.max(1, bytesPerSecond >> 20));
        DatabaseDescriptor.setEntireSSTableStreamThroughputOutboundMebibytesPerSec(mebibytes);
        DatabaseDescriptor.setEntireSSTableInterDCStreamThroughputOutboundMebibytesPerSec(mebibytes);
    }
}
