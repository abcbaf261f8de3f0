package io.lifeboat.store;

import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.crypto.SnapshotKeys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Moves a store's encrypted snapshots from one key file's key to another: each snapshot's data keys are unwrapped
 * by the current key and wrapped by the next in its {@code encryption.json} (a small object, rewritten whole), and
 * its summary says the new key id. The data is never read. A snapshot already under the next key is left as it is,
 * so a rotation cut short is finished by running it again.
 */
public final class KeyRotation {

    /** What a rotation did: {@code others} are snapshots under neither key, named. */
    public record Result(int rotated, int already, List<String> others) {
    }

    private final SnapshotStore store;
    private final Consumer<String> report;

    public KeyRotation(SnapshotStore store, Consumer<String> report) {
        this.store = store;
        this.report = report;
    }

    public Result rotate(KeyEncryptionKey current, KeyEncryptionKey next) throws IOException {
        Map<String, List<SnapshotSummary>> summaries = SnapshotCatalog.summaries(store).stream()
                .collect(Collectors.groupingBy(SnapshotSummary::snapshot));
        int rotated = 0;
        int already = 0;
        List<String> others = new ArrayList<>();
        for (String folder : store.folders()) {
            if (StoreLayout.isReserved(folder + "/")) {
                continue;
            }
            String key = folder + "/" + StoreLayout.KEYS;
            if (store.size(key).isEmpty()) {
                continue;
            }
            SnapshotKeys keys = SnapshotKeys.parse(key, store.read(key));
            if (keys.keyId().equals(next.id())) {
                already++;
            } else if (keys.keyId().equals(current.id())) {
                store.put(key, keys.rewrapped(current, next, folder).toJson());
                report.accept("rotated " + folder + " from key " + current.id() + " to key " + next.id());
                rotated++;
            } else {
                others.add(folder + " (key " + keys.keyId() + ")");
                continue;
            }
            renameSummaries(summaries.getOrDefault(folder, List.of()), next.id());
        }
        return new Result(rotated, already, others);
    }

    /** Listing says which key a snapshot needs: its summary follows its keys (new one first, so that one always stands). */
    private void renameSummaries(List<SnapshotSummary> summaries, String nextId) throws IOException {
        for (SnapshotSummary summary : summaries) {
            if (!summary.keyId().equals(Optional.of(nextId))) {
                SnapshotSummary renamed = new SnapshotSummary(summary.snapshot(), summary.cluster(), summary.clusterType(), summary.mode(),
                        summary.completedAt(), summary.nodes(), summary.files(), summary.dataBytes(), summary.storedBytes(), Optional.of(nextId));
                store.put(renamed.key(), new byte[0]);
                store.delete(summary.key());
            }
        }
    }
}
