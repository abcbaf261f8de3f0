package io.lifeboat.backup;

import io.lifeboat.kernel.BackupMode;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.ManifestException;
import io.lifeboat.store.SnapshotCatalog;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.SnapshotSummary;
import io.lifeboat.store.StoreLayout;
import io.lifeboat.store.StoreUnavailableException;
import io.lifeboat.store.StoreException;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The snapshot a differential backup starts from: the latest complete differential snapshot of the same cluster in
 * the store. Its file lists say which files the store already holds, and where.
 */
final class DifferentialBase {

    private DifferentialBase() {
    }

    static Optional<Manifest> latest(SnapshotStore store, String cluster, SnapshotName self) throws IOException {
        List<SnapshotSummary> candidates = SnapshotCatalog.summaries(store).stream()
                .filter(summary -> BackupMode.DIFFERENTIAL.label().equals(summary.mode()) && cluster.equals(summary.cluster())
                        && !self.value().equals(summary.snapshot())
                        // Only a snapshot under the same key (or, unencrypted, none): what it holds is what this one may refer to.
                        && summary.keyId().equals(store.sealingKeyId()))
                .sorted(Comparator.comparing(SnapshotSummary::completedAt).reversed())
                .toList();
        for (SnapshotSummary candidate : candidates) {
            Optional<Manifest> manifest = manifest(store, new SnapshotName(candidate.snapshot()));
            if (manifest.isPresent() && manifest.get().mode() == BackupMode.DIFFERENTIAL) {
                return manifest;
            }
        }
        return Optional.empty();
    }

    /** The snapshot's manifest, unless it is gone (being purged) or unreadable: such a snapshot is no base. */
    static Optional<Manifest> manifest(SnapshotStore store, SnapshotName snapshot) throws IOException {
        String key = StoreLayout.manifestKey(snapshot);
        try {
            return Optional.of(ManifestCodec.read(key, store.read(key)));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException | ManifestException e) {
            return Optional.empty();
        }
    }
}
