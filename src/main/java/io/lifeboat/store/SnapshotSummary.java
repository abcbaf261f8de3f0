package io.lifeboat.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lifeboat.manifest.Manifest;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * What listing says of a complete snapshot, kept small under {@code .lifeboat/snapshots/<SNAPSHOT_NAME>.json} so
 * that a store of many snapshots lists without opening every manifest. Written after the manifest and removed before
 * it: a summary always stands for a manifest, while a manifest may lack its summary (written by an earlier Lifeboat).
 *
 * @param files       the snapshot's files; -1 when the manifest does not say (full snapshots)
 * @param dataBytes   the size of the snapshot's files on the nodes; -1 when the manifest does not say (full snapshots)
 * @param storedBytes the bytes the snapshot added to the store
 */
public record SnapshotSummary(String snapshot, String cluster, String clusterType, String mode, Instant startedAt, Instant completedAt,
                              int nodes, List<String> keyspaces, long files, long dataBytes, long storedBytes) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static SnapshotSummary of(Manifest manifest) {
        return new SnapshotSummary(manifest.snapshot(), manifest.cluster(), manifest.clusterType(), manifest.mode().label(),
                manifest.startedAt(), manifest.completedAt(), manifest.nodes().size(), manifest.keyspaces(), manifest.files(), manifest.dataBytes(),
                manifest.storedBytes());
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("a summary always serializes", e);
        }
    }

    /** @throws StoreException naming {@code key} when the bytes are not a summary */
    public static SnapshotSummary read(String key, byte[] json) throws StoreException {
        try {
            SnapshotSummary summary = JSON.readValue(json, SnapshotSummary.class);
            if (summary.snapshot() == null || summary.completedAt() == null || summary.mode() == null) {
                throw new StoreException(key + " is not a snapshot summary");
            }
            return summary;
        } catch (IOException e) {
            throw new StoreException(key + " is not a snapshot summary: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
