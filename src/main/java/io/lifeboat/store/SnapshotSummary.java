package io.lifeboat.store;

import io.lifeboat.manifest.Manifest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What listing says of a complete snapshot, kept in the key of an empty object,
 * {@code .lifeboat/snapshots/<SNAPSHOT_NAME>/<fields>}, so that listing a store of a thousand snapshots is one
 * listing request, not a thousand reads. Written after the manifest and removed before it: a summary always stands
 * for a manifest, while a manifest may lack its summary (written by an earlier Lifeboat).
 *
 * @param files       the snapshot's files; -1 when the manifest does not say (full snapshots)
 * @param dataBytes   the size of the snapshot's files on the nodes; -1 when the manifest does not say (full snapshots)
 * @param storedBytes the bytes the snapshot added to the store
 * @param keyId       the key an encrypted snapshot needs (the id of its key file's key)
 */
public record SnapshotSummary(String snapshot, String cluster, String clusterType, String mode, Instant completedAt, int nodes, long files,
                              long dataBytes, long storedBytes, Optional<String> keyId) {

    private static final String VERSION = "v1";

    public static SnapshotSummary of(Manifest manifest, Optional<String> keyId) {
        return new SnapshotSummary(manifest.snapshot(), manifest.cluster(), manifest.clusterType(), manifest.mode().label(),
                manifest.completedAt(), manifest.nodes().size(), manifest.files(), manifest.dataBytes(), manifest.storedBytes(), keyId);
    }

    public boolean encrypted() {
        return keyId.isPresent();
    }

    /** {@code .lifeboat/snapshots/nightly-1/v1;completed=2026-12-04T02:00:31.5Z;mode=differential;cluster=prod;...} */
    public String key() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("completed", completedAt.toString());
        fields.put("mode", mode);
        fields.put("cluster", cluster);
        fields.put("type", clusterType);
        fields.put("nodes", String.valueOf(nodes));
        fields.put("files", String.valueOf(files));
        fields.put("data", String.valueOf(dataBytes));
        fields.put("stored", String.valueOf(storedBytes));
        keyId.ifPresent(id -> fields.put("key", id));
        StringBuilder key = new StringBuilder(StoreLayout.SUMMARIES).append(snapshot).append('/').append(VERSION);
        fields.forEach((name, value) -> key.append(';').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return key.toString();
    }

    /** The summary a key says, if it is one this Lifeboat reads. */
    public static Optional<SnapshotSummary> fromKey(String key) {
        if (!key.startsWith(StoreLayout.SUMMARIES)) {
            return Optional.empty();
        }
        String rest = key.substring(StoreLayout.SUMMARIES.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String[] parts = rest.substring(slash + 1).split(";");
        if (!parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                fields.put(parts[i].substring(0, equals), URLDecoder.decode(parts[i].substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        try {
            return Optional.of(new SnapshotSummary(rest.substring(0, slash), fields.get("cluster"), fields.get("type"), fields.get("mode"),
                    Instant.parse(fields.get("completed")), Integer.parseInt(fields.get("nodes")), Long.parseLong(fields.get("files")),
                    Long.parseLong(fields.get("data")), Long.parseLong(fields.get("stored")), Optional.ofNullable(fields.get("key"))));
        } catch (RuntimeException malformed) {
            // NumberFormatException, DateTimeParseException or a field missing: not a summary this Lifeboat wrote.
            return Optional.empty();
        }
    }
}
