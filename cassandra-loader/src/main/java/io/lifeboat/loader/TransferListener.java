package io.lifeboat.loader;

import org.apache.cassandra.streaming.ProgressInfo;
import org.apache.cassandra.streaming.StreamEvent;
import org.apache.cassandra.streaming.StreamEventHandler;
import org.apache.cassandra.streaming.StreamState;

import java.util.Map;
import java.util.TreeMap;

/** Counts the bytes one table's stream plan sends, per host, from the plan's progress events (called from its threads). */
final class TransferListener implements StreamEventHandler {

    private final Progress progress;
    private final Map<String, Long> bytesPerHost = new TreeMap<>();

    TransferListener(Progress progress) {
        this.progress = progress;
    }

    @Override
    public synchronized void handleStreamEvent(StreamEvent event) {
        if (event.eventType == StreamEvent.Type.FILE_PROGRESS) {
            ProgressInfo info = ((StreamEvent.ProgressEvent) event).progress;
            if (info.direction == ProgressInfo.Direction.OUT && info.deltaBytes > 0) {
                bytesPerHost.merge(info.peer.getAddress().getHostAddress(), info.deltaBytes, Long::sum);
                progress.sent(info.deltaBytes);
            }
        }
    }

    synchronized Map<String, Long> bytesPerHost() {
        return new TreeMap<>(bytesPerHost);
    }

    synchronized long bytesSent() {
        return bytesPerHost.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void onSuccess(StreamState state) {
        // The plan's future says how it ended; the table's streamer waits on it.
    }

    @Override
    public void onFailure(Throwable failure) {
        // As above.
    }
}
