package io.lifeboat.store;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.kernel.BackupMode;
import io.lifeboat.kernel.InFlight;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.RetentionPolicy;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.NodeEntries;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.manifest.NodeManifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Drops the snapshots a retention policy does not keep, and then every object no remaining manifest refers to. The
 * manifests go first (summaries before them), so a snapshot half purged is never taken for a complete one; the
 * objects are then judged against the manifests still in the store at that moment, so a backup that completed
 * meanwhile keeps what it refers to. Nothing younger than the grace period goes: a backup in progress is never
 * robbed. Deletes go a thousand to a request (S3; 256 on Azure).
 */
public final class Purge {

    /** A snapshot the purge found complete, with why it stays (no reason: it goes). */
    public record Decision(SnapshotSummary snapshot, List<String> keptBecause) {
        public boolean kept() {
            return !keptBecause.isEmpty();
        }
    }

    /** What a purge did (or, dry, would do). */
    public record Result(List<Decision> decisions, List<String> incompleteDropped, long objectsDeleted, long bytesDeleted, boolean dry) {
        public long kept() {
            return decisions.stream().filter(Decision::kept).count();
        }

        public long dropped() {
            return decisions.size() - kept();
        }
    }

    /** Objects a purge judges are marked in a filter of this false-positive rate: a false positive only keeps an object a purge longer. */
    private static final double FALSE_POSITIVES = 0.001;
    private static final int READS_IN_FLIGHT = 16;

    private final SnapshotStore store;
    private final Duration grace;
    private final Clock clock;
    private final Consumer<String> report;

    /** @param report told each decision and deletion, in one line */
    public Purge(SnapshotStore store, Duration grace, Clock clock, Consumer<String> report) {
        this.store = store;
        this.grace = grace;
        this.clock = clock;
        this.report = report;
    }

    /**
     * @throws ParameterException when the policy has no rule, or would keep none of the complete snapshots without
     *                            {@code --keep-last 0} said alone: nothing is deleted then
     */
    public Result run(RetentionPolicy policy, boolean dry) throws IOException {
        if (policy.isEmpty()) {
            throw new ParameterException("--keep-last", "say what to keep: --keep-last N, --keep-daily N, --keep-weekly N, --keep-monthly N or"
                    + " --keep-within DURATION (--keep-last 0 alone drops every snapshot)");
        }
        Instant now = clock.instant();
        Instant graceEnds = now.minus(grace);
        List<SnapshotCatalog.Entry> entries = SnapshotCatalog.list(store);
        List<Decision> decisions = decide(policy, entries, now);
        if (!decisions.isEmpty() && decisions.stream().noneMatch(Decision::kept) && !policy.dropsEverything()) {
            throw new ParameterException("--keep-last", "this purge would keep none of the " + decisions.size() + " snapshots; say --keep-last 0"
                    + " alone to drop them all");
        }
        refuseWithoutKeys(decisions);
        List<String> incomplete = entries.stream().filter(entry -> !entry.complete() && entry.lastWritten().isBefore(graceEnds))
                .map(SnapshotCatalog.Entry::name).toList();
        decisions.forEach(decision -> report.accept((decision.kept() ? "keep " : "drop ") + decision.snapshot().snapshot() + " ("
                + decision.snapshot().cluster() + ", " + decision.snapshot().completedAt() + (decision.kept()
                ? ": " + String.join(", ", decision.keptBecause()) : "") + ")"));
        incomplete.forEach(name -> report.accept("drop " + name + " (incomplete, last written more than " + describe(grace) + " ago)"));
        Set<String> dropped = decisions.stream().filter(decision -> !decision.kept()).map(decision -> decision.snapshot().snapshot())
                .collect(Collectors.toSet());
        Deletions deletions = new Deletions(dry);
        withdraw(decisions.stream().filter(decision -> !decision.kept()).map(Decision::snapshot).toList(), deletions);
        BloomFilter<CharSequence> referenced = referenced(entries, dropped);
        Set<String> emptied = new HashSet<>(dropped);
        emptied.addAll(incomplete);
        // One pass over the store: a listing page holds a thousand keys, a delete request as many.
        store.forEach("", object -> deletions.deleteIf(object, o -> o.lastModified().isBefore(graceEnds) && goes(o.key(), emptied, referenced)
                // A dry run still sees the manifests it would have withdrawn (and counted).
                && !(dry && dropped.contains(folderOf(o.key())) && o.key().endsWith("/" + StoreLayout.MANIFEST))));
        if (!dry) {
            for (String name : incomplete) {
                store.abandonUnfinished(name + "/");
            }
        }
        deletions.flush();
        return new Result(decisions, incomplete, deletions.objects.get(), deletions.bytes.get(), dry);
    }

    /** What a kept differential snapshot refers to is in its file lists, which only its key opens: asked for before anything goes. */
    private void refuseWithoutKeys(List<Decision> decisions) {
        List<String> locked = decisions.stream().filter(Decision::kept).map(Decision::snapshot)
                .filter(snapshot -> BackupMode.DIFFERENTIAL.label().equals(snapshot.mode()) && snapshot.encrypted()
                        && !snapshot.keyId().equals(store.sealingKeyId()))
                .map(snapshot -> snapshot.snapshot() + " (key " + snapshot.keyId().orElseThrow() + ")").toList();
        if (!locked.isEmpty()) {
            throw new ParameterException(KeyEncryptionKey.PARAMETER, "this purge keeps encrypted differential snapshots whose file lists it must read: "
                    + String.join(", ", locked.subList(0, Math.min(3, locked.size()))) + (locked.size() > 3 ? " and " + (locked.size() - 3)
                    + " more" : "") + "; give their key file with -p ENCRYPTION_KEY_FILE=FILE");
        }
    }

    /** An object goes when its folder is emptied, or when it is a file of a differential snapshot no manifest refers to. */
    private static boolean goes(String key, Set<String> emptied, BloomFilter<CharSequence> referenced) {
        if (key.startsWith(StoreLayout.FILES)) {
            return !referenced.mightContain(key);
        }
        return emptied.contains(folderOf(key));
    }

    private static String folderOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    private static List<Decision> decide(RetentionPolicy policy, List<SnapshotCatalog.Entry> entries, Instant now) {
        Map<String, List<SnapshotSummary>> byCluster = entries.stream().flatMap(entry -> entry.summary().stream())
                .collect(Collectors.groupingBy(SnapshotSummary::cluster));
        List<Decision> decisions = new ArrayList<>();
        byCluster.values().forEach(snapshots -> policy.decide(snapshots, SnapshotSummary::completedAt, now)
                .forEach((snapshot, reasons) -> decisions.add(new Decision(snapshot, List.copyOf(reasons)))));
        decisions.sort(Comparator.comparing((Decision decision) -> decision.snapshot().completedAt()).reversed());
        return decisions;
    }

    /** Summaries first, then manifests: from here on, no dropped snapshot is taken for complete, nor chosen as a base. */
    private void withdraw(List<SnapshotSummary> dropped, Deletions deletions) throws IOException {
        for (int from = 0; from < dropped.size(); from += SnapshotStore.DELETE_BATCH) {
            List<SnapshotSummary> batch = dropped.subList(from, Math.min(dropped.size(), from + SnapshotStore.DELETE_BATCH));
            deletions.now(batch.stream().map(SnapshotSummary::key).toList());
            deletions.now(batch.stream().map(summary -> summary.snapshot() + "/" + StoreLayout.MANIFEST).toList());
        }
    }

    /**
     * Every object the manifests now in the store refer to, marked in a Bloom filter: its memory does not grow with the
     * object count beyond a byte or two per object. The snapshots are those found before, less the dropped ones, and
     * any that completed since (a folder not seen before, now with a manifest).
     */
    private BloomFilter<CharSequence> referenced(List<SnapshotCatalog.Entry> before, Set<String> dropped) throws IOException {
        Set<String> seen = before.stream().map(SnapshotCatalog.Entry::name).collect(Collectors.toSet());
        List<String> snapshots = new ArrayList<>(before.stream()
                .filter(entry -> entry.complete() && !dropped.contains(entry.name())
                        && BackupMode.DIFFERENTIAL.label().equals(entry.summary().orElseThrow().mode()))
                .map(SnapshotCatalog.Entry::name).toList());
        for (String folder : store.folders()) {
            if (!seen.contains(folder) && !StoreLayout.isReserved(folder + "/") && store.size(folder + "/" + StoreLayout.MANIFEST).isPresent()) {
                snapshots.add(folder);
            }
        }
        long files = before.stream().flatMap(entry -> entry.summary().stream()).mapToLong(summary -> Math.max(1, summary.files())).sum();
        BloomFilter<CharSequence> referenced = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), Math.max(1000, files),
                FALSE_POSITIVES);
        InFlight.each("lifeboat-purge", READS_IN_FLIGHT, snapshots, snapshot -> mark(snapshot, referenced));
        return referenced;
    }

    /** Marks the objects of a differential snapshot's files; a full snapshot refers to none. */
    private void mark(String snapshot, BloomFilter<CharSequence> referenced) throws IOException {
        String manifestKey = snapshot + "/" + StoreLayout.MANIFEST;
        Manifest manifest = ManifestCodec.read(manifestKey, store.read(manifestKey));
        if (manifest.mode() != BackupMode.DIFFERENTIAL) {
            return;
        }
        for (NodeManifest node : manifest.nodes()) {
            FileList.Stored list = new FileList.Stored(node.object(), node.size(), node.sha256());
            try (NodeEntries.Reader entries = NodeEntries.reader(list, store.download(list.object(), 1))) {
                Optional<NodeEntry> next;
                while ((next = entries.next()).isPresent()) {
                    if (next.get().isFile()) {
                        synchronized (referenced) {
                            referenced.put(next.get().object());
                        }
                    }
                }
            }
        }
    }

    /** Deletes (or, dry, counts) objects as they are listed, a batch at a time. */
    private final class Deletions {

        private final boolean dry;
        private final List<String> batch = new ArrayList<>();
        private final AtomicLong objects = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        Deletions(boolean dry) {
            this.dry = dry;
        }

        void deleteIf(StoredObject object, Predicate<StoredObject> goes) throws IOException {
            if (!goes.test(object)) {
                return;
            }
            objects.incrementAndGet();
            bytes.addAndGet(object.size());
            batch.add(object.key());
            if (batch.size() == SnapshotStore.DELETE_BATCH) {
                flush();
            }
        }

        /** Deletes these small objects at once, before anything else. */
        void now(List<String> keys) throws IOException {
            if (!dry) {
                store.deleteAll(keys);
            }
            objects.addAndGet(keys.size());
        }

        void flush() throws IOException {
            if (!dry && !batch.isEmpty()) {
                store.deleteAll(List.copyOf(batch));
            }
            batch.clear();
        }
    }

    private static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
