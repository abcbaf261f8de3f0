package io.lifeboat.store;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The snapshots of a store: complete ones described by their manifest, others marked incomplete. */
public final class SnapshotCatalog {

    /** Summaries are small: this many are read at once. */
    private static final int READS_IN_FLIGHT = 16;

    /** One snapshot folder of a store. */
    public record Entry(String name, boolean complete, Optional<Instant> completedAt, int nodes, long bytes) {
    }

    private SnapshotCatalog() {
    }

    public static List<Entry> list(SnapshotStore store) throws IOException {
        Map<String, List<StoredObject>> byFolder = new TreeMap<>();
        for (StoredObject object : store.list("")) {
            int slash = object.key().indexOf('/');
            if (slash > 0 && !StoreLayout.isReserved(object.key())) {
                byFolder.computeIfAbsent(object.key().substring(0, slash), folder -> new ArrayList<>()).add(object);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<StoredObject>> folder : byFolder.entrySet()) {
            entries.add(describe(store, folder.getKey(), folder.getValue()));
        }
        return entries;
    }

    /** The summaries of the store's complete snapshots, in no particular order; one that cannot be read is left out. */
    public static List<SnapshotSummary> summaries(SnapshotStore store) throws IOException {
        List<StoredObject> objects = store.list(StoreLayout.SUMMARIES).stream().filter(object -> object.key().endsWith(".json")).toList();
        ExecutorService reads = Executors.newFixedThreadPool(Math.max(1, Math.min(READS_IN_FLIGHT, objects.size())));
        try {
            List<Future<Optional<SnapshotSummary>>> reading = new ArrayList<>();
            for (StoredObject object : objects) {
                reading.add(reads.submit(() -> readSummary(store, object.key())));
            }
            List<SnapshotSummary> summaries = new ArrayList<>();
            for (Future<Optional<SnapshotSummary>> read : reading) {
                read.get().ifPresent(summaries::add);
            }
            return summaries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("listing was interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            reads.shutdownNow();
        }
    }

    /** A summary that went missing since the listing, or is not one, stands for no snapshot; a store that stops answering fails the listing. */
    private static Optional<SnapshotSummary> readSummary(SnapshotStore store, String key) throws IOException {
        try {
            return Optional.of(SnapshotSummary.read(key, store.read(key)));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    private static Entry describe(SnapshotStore store, String name, List<StoredObject> objects) throws IOException {
        String manifestKey = name + "/" + StoreLayout.MANIFEST;
        boolean hasManifest = objects.stream().anyMatch(object -> object.key().equals(manifestKey));
        if (hasManifest) {
            Manifest manifest = ManifestCodec.read(manifestKey, store.read(manifestKey));
            return new Entry(name, true, Optional.of(manifest.completedAt()), manifest.nodes().size(), manifest.storedBytes());
        }
        long archives = objects.stream().filter(object -> StoreLayout.isArchive(object.key())).count();
        return new Entry(name, false, Optional.empty(), (int) archives, objects.stream().mapToLong(StoredObject::size).sum());
    }
}
