package io.lifeboat.loader;

import org.apache.cassandra.db.streaming.CassandraOutgoingFile;
import org.apache.cassandra.dht.Range;
import org.apache.cassandra.dht.Token;
import org.apache.cassandra.io.sstable.format.SSTableReader;
import org.apache.cassandra.locator.InetAddressAndPort;
import org.apache.cassandra.schema.TableMetadataRef;
import org.apache.cassandra.streaming.OutgoingStream;
import org.apache.cassandra.streaming.PreviewKind;
import org.apache.cassandra.streaming.StreamOperation;
import org.apache.cassandra.streaming.StreamPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams one staged table into the target cluster: what {@code SSTableLoader.openSSTables} and {@code stream} do,
 * written out here because Cassandra offers no way to choose the token ranges per SSTable. Unrepaired SSTables go to
 * every replica for all it replicates, as sstableloader sends them; a repaired one (incremental repair put its data on
 * every replica), when the request names repaired ranges, only for those ranges.
 */
final class TableStreamer {

    private final Ring ring;
    private final Progress progress;
    private final int connectionsPerHost;

    TableStreamer(Ring ring, Progress progress, int connectionsPerHost) {
        this.ring = ring;
        this.progress = progress;
        this.connectionsPerHost = connectionsPerHost;
    }

    TableOutcome stream(LoadRequest.TableRequest table) {
        TableMetadataRef metadata = ring.table(table.table()).orElseThrow(() ->
                new LoadFailure("table " + table.qualifiedName() + " does not exist in the target cluster"));
        Optional<List<Range<Token>>> repaired = table.repaired().map(pairs -> RepairedRanges.parse(pairs, metadata.get().partitioner));
        try (StagedSSTables staged = StagedSSTables.open(Path.of(table.directory()), table.keyspace(), table.table(), metadata)) {
            Map<InetAddressAndPort, List<OutgoingStream>> transfers = transfers(staged.readers(), repaired);
            if (transfers.isEmpty()) {
                return new TableOutcome(0, staged.readers().size(), Map.of());
            }
            TransferListener sent = new TransferListener(progress);
            StreamPlan plan = new StreamPlan(StreamOperation.BULK_LOAD, connectionsPerHost, false, null, PreviewKind.NONE)
                    .connectionFactory(ring.connectionFactory());
            transfers.forEach(plan::transferStreams);
            plan.listeners(sent);
            PlanOutcome.await(plan.execute(), table.qualifiedName());
            return new TableOutcome(sent.bytesSent(), staged.readers().size(), sent.bytesPerHost());
        }
    }

    /** What goes to each endpoint: the sections of each SSTable that fall in the endpoint's ranges. */
    private Map<InetAddressAndPort, List<OutgoingStream>> transfers(List<SSTableReader> sstables, Optional<List<Range<Token>>> repaired) {
        Map<InetAddressAndPort, List<OutgoingStream>> transfers = new HashMap<>();
        for (SSTableReader sstable : sstables) {
            boolean onlyRepairedRanges = repaired.isPresent() && sstable.isRepaired() && !sstable.isPendingRepair();
            ring.endpointRanges().forEach((endpoint, owned) -> {
                List<Range<Token>> ranges = onlyRepairedRanges ? RepairedRanges.intersect(owned, repaired.get()) : owned;
                outgoing(sstable, ranges).ifPresent(file -> transfers.computeIfAbsent(endpoint, key -> new ArrayList<>()).add(file));
            });
            // The sections are known: the index summary is no longer needed in memory.
            sstable.releaseInMemoryComponents();
        }
        return transfers;
    }

    private static Optional<OutgoingStream> outgoing(SSTableReader sstable, List<Range<Token>> ranges) {
        List<SSTableReader.PartitionPositionBounds> sections = ranges.isEmpty() ? List.of() : sstable.getPositionsForRanges(ranges);
        // An endpoint is sent nothing of an SSTable it owns no part of: an empty stream fails on the receiving node.
        if (sections.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CassandraOutgoingFile(StreamOperation.BULK_LOAD, sstable.ref(), sections, ranges,
                sstable.estimatedKeysForRanges(ranges)));
    }
}
