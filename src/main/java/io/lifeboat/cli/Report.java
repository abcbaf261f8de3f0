package io.lifeboat.cli;

import io.lifeboat.cluster.Topology;
import io.lifeboat.kernel.Operation;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.Sizes;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.store.Purge;
import io.lifeboat.store.SnapshotCatalog;
import io.lifeboat.store.SnapshotCheck;
import io.lifeboat.store.SnapshotSummary;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The lines Lifeboat prints for an operator. */
public final class Report {

    private Report() {
    }

    public static String of(PlanResult result) {
        String verb = result.plan().operation() == Operation.BACKUP ? "backed up to" : "restored from";
        return String.format(Locale.ROOT, "%s: COMPLETE: snapshot %s %s %s: %d nodes, %d files, %s of data (%s stored) in %.1f s, %.1f MB/s",
                result.plan(), result.snapshot(), verb, result.store(), result.nodes(), result.files(), bytes(result.dataBytes()),
                bytes(result.storedBytes()), result.duration().toMillis() / 1000.0, result.megabytesPerSecond());
    }

    public static String snapshots(StoreLocation location, List<SnapshotCatalog.Entry> entries) {
        StringBuilder text = new StringBuilder();
        if (entries.isEmpty()) {
            return "no snapshots in " + location.describe() + System.lineSeparator();
        }
        text.append(String.format(Locale.ROOT, "%-32s %-10s %-12s %-22s %5s %10s %10s  %s%n", "SNAPSHOT", "STATE", "MODE", "COMPLETED", "NODES",
                "DATA", "ADDED", "ENCRYPTED"));
        for (SnapshotCatalog.Entry entry : entries) {
            long data = entry.summary().map(SnapshotSummary::dataBytes).orElse(-1L);
            text.append(String.format(Locale.ROOT, "%-32s %-10s %-12s %-22s %5d %10s %10s  %s%n", entry.name(),
                    entry.complete() ? "complete" : "INCOMPLETE", entry.summary().map(SnapshotSummary::mode).orElse("-"),
                    entry.completedAt().map(time -> time.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("- (no manifest)"), entry.nodes(),
                    data < 0 ? "-" : bytes(data), bytes(entry.bytes()),
                    entry.summary().flatMap(SnapshotSummary::keyId).map(id -> "key " + id).orElse("-")));
        }
        return text.toString();
    }

    /** The last line of {@code snapshots verify}. */
    public static String verified(SnapshotName snapshot, StoreLocation location, SnapshotCheck.Reading reading, SnapshotCheck.Result result) {
        String how = reading.percent() == 0 ? "present at their recorded sizes"
                : reading.percent() == 100 ? "read and hashed" : "present, and " + reading.percent() + "% of the data read and hashed";
        return String.format(Locale.ROOT, "snapshot %s in %s: %s: %d objects checked, %s; %s read", snapshot, location.describe(),
                result.bad() == 0 ? "VERIFIED" : "DAMAGED (" + result.bad() + " bad, named above)", result.objects(), how,
                bytes(result.bytesRead()));
    }

    /** The last line of {@code snapshots purge}. */
    public static String purged(StoreLocation location, Purge.Result result, Duration took) {
        return String.format(Locale.ROOT, "%s%s: kept %d snapshots, %s %d and %d incomplete; %s %d objects (%s) in %.1f s",
                result.dry() ? "DRY RUN, nothing changed: " : "", location.describe(), result.kept(), result.dry() ? "would drop" : "dropped",
                result.dropped(), result.incompleteDropped().size(), result.dry() ? "would delete" : "deleted", result.objectsDeleted(),
                bytes(result.bytesDeleted()), took.toMillis() / 1000.0);
    }

    /**
     * What {@code snapshots tokens} prints: for each backed-up node, the lines of {@code cassandra.yaml} that give the
     * new node of its index the same tokens on its first start; a cluster built so restores by import.
     */
    public static String tokens(String snapshot, Topology ring) {
        StringBuilder text = new StringBuilder();
        text.append("# Snapshot ").append(snapshot).append(" was taken from a ring of ").append(ring.members().size()).append(" nodes (")
                .append(ring.partitioner().substring(ring.partitioner().lastIndexOf('.') + 1)).append(").\n")
                .append("# Give each new node, before its first start, the lines of the backed-up node of its index in its cassandra.yaml,\n")
                .append("# with partitioner: ").append(ring.partitioner())
                .append(", its data centre and rack, and no allocate_tokens_for_* setting;\n")
                .append("# the restore then imports each node's SSTables into the node of its index.\n");
        for (Topology.Member member : ring.members()) {
            text.append("\n# ").append(member.index().map(index -> "node " + index).orElse("not backed up")).append(": host id ")
                    .append(member.hostId()).append(", ").append(member.datacenter()).append(" / ").append(member.rack()).append(", was ")
                    .append(member.address()).append(", Cassandra ").append(member.cassandraVersion()).append("\n")
                    .append("num_tokens: ").append(member.numTokens()).append("\n")
                    .append("initial_token: ").append(String.join(",", member.tokens())).append("\n");
        }
        return text.toString();
    }

    /** Sizes in decimal units, as the shell tools print them. */
    public static String bytes(long bytes) {
        return Sizes.decimal(bytes);
    }
}
