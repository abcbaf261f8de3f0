package io.lifeboat.cluster;

import java.time.Duration;

/** What a node's load did: the tables imported or moved, the tables streamed and the bytes streaming sent. */
public record LoadOutcome(int tablesImported, int tablesStreamed, long bytesStreamed, Duration streaming) {

    public static final LoadOutcome NOTHING = new LoadOutcome(0, 0, 0, Duration.ZERO);

    public LoadOutcome plus(LoadOutcome other) {
        return new LoadOutcome(tablesImported + other.tablesImported, tablesStreamed + other.tablesStreamed,
                bytesStreamed + other.bytesStreamed, streaming.plus(other.streaming));
    }
}
