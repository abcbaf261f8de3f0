package io.lifeboat.store;

import io.lifeboat.kernel.InFlight;
import io.lifeboat.manifest.ManifestCodec;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snapshots of a store: complete ones described by their summary (or, written by an earlier Lifeboat, their
 * manifest), others marked incomplete. One listing of the top-level folders and one of the summaries, which are
 * keys: a store of a thousand snapshots lists in a few requests, whatever the snapshots hold.
 */
public final class SnapshotCatalog {

    /** A node's archive or file list: {@code <folder>/node-<index>.<suffix>}. */
    private static final Pattern NODE_OBJECT = Pattern.compile("[^/]+/node-(\\d+)\\..*");
    /** Small objects are read this many at once. */
    private static final int READS_IN_FLIGHT = 16;

    /**
     * One snapshot folder of a store: complete (with its summary) or not; {@code bytes} is what the snapshot added to
     * the store (or, incomplete, what its folder holds), {@code lastWritten} when its newest object was written.
     */
    public record Entry(String name, Optional<SnapshotSummary> summary, int nodes, long bytes, Instant lastWritten) {

        public boolean complete() {
            return summary.isPresent();
        }

        public Optional<Instant> completedAt() {
            return summary.map(SnapshotSummary::completedAt);
        }
    }

    private SnapshotCatalog() {
    }

    /** Every snapshot folder of the store, by name. */
    public static List<Entry> list(SnapshotStore store) throws IOException {
        Map<String, SnapshotSummary> summaries = new ConcurrentHashMap<>();
        // A snapshot written twice under one name (purged, then backed up again) has one summary per run: the newest stands.
        summaries(store).forEach(summary -> summaries.merge(summary.snapshot(), summary,
                (a, b) -> a.completedAt().isAfter(b.completedAt()) ? a : b));
        List<String> folders = store.folders().stream().filter(folder -> !StoreLayout.isReserved(folder + "/")).toList();
        Map<String, Entry> entries = new ConcurrentHashMap<>();
        InFlight.each("lifeboat-catalog", READS_IN_FLIGHT, folders.stream().filter(folder -> !summaries.containsKey(folder)).toList(),
                folder -> entries.put(folder, withoutSummary(store, folder)));
        for (String folder : folders) {
            SnapshotSummary summary = summaries.get(folder);
            if (summary != null) {
                entries.put(folder, new Entry(folder, Optional.of(summary), summary.nodes(), summary.storedBytes(), summary.completedAt()));
            }
        }
        return entries.values().stream().sorted(Comparator.comparing(Entry::name)).toList();
    }

    /** The summaries of the store's complete snapshots, by name, from one listing: a page holds a thousand. */
    public static List<SnapshotSummary> summaries(SnapshotStore store) throws IOException {
        List<SnapshotSummary> summaries = new ArrayList<>();
        store.forEach(StoreLayout.SUMMARIES, object -> SnapshotSummary.fromKey(object.key()).ifPresent(summaries::add));
        return summaries;
    }

    /** A folder without a summary: a snapshot of an earlier Lifeboat (its manifest says what it is), or an incomplete one. */
    private static Entry withoutSummary(SnapshotStore store, String folder) throws IOException {
        String manifestKey = folder + "/" + StoreLayout.MANIFEST;
        if (store.size(manifestKey).isPresent()) {
            SnapshotSummary summary = SnapshotSummary.of(ManifestCodec.read(manifestKey, store.read(manifestKey)),
                    store.encryptionKeyId(folder));
            return new Entry(folder, Optional.of(summary), summary.nodes(), summary.storedBytes(), summary.completedAt());
        }
        Set<String> nodes = new HashSet<>();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Instant> newest = new AtomicReference<>(Instant.EPOCH);
        store.forEach(folder + "/", object -> {
            Matcher node = NODE_OBJECT.matcher(object.key());
            if (node.matches()) {
                nodes.add(node.group(1));
            }
            bytes.addAndGet(object.size());
            newest.accumulateAndGet(object.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
        });
        return new Entry(folder, Optional.empty(), nodes.size(), bytes.get(), newest.get());
    }
}
