package io.lifeboat.store;

import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The snapshots of a store: complete ones described by their manifest, others marked incomplete. */
public final class SnapshotCatalog {

    /** One snapshot folder of a store. */
    public record Entry(String name, boolean complete, Optional<Instant> completedAt, int nodes, long bytes) {
    }

    private SnapshotCatalog() {
    }

    public static List<Entry> list(SnapshotStore store) throws IOException {
        Map<String, List<StoredObject>> byFolder = new TreeMap<>();
        for (StoredObject object : store.list("")) {
            int slash = object.key().indexOf('/');
            if (slash > 0) {
                byFolder.computeIfAbsent(object.key().substring(0, slash), folder -> new ArrayList<>()).add(object);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<StoredObject>> folder : byFolder.entrySet()) {
            entries.add(describe(store, folder.getKey(), folder.getValue()));
        }
        return entries;
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
