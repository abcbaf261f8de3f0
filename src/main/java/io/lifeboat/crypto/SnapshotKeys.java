package io.lifeboat.crypto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot's {@code encryption.json}, the one object of an encrypted snapshot that stays readable: which key
 * file's key it needs ({@code keyId}), its own data key, and every data key its objects are sealed with, each
 * wrapped by that key. A differential snapshot carries its base's data keys too, since its files may lie in objects
 * its base wrote: it opens alone, whatever has been purged since.
 */
public record SnapshotKeys(@JsonProperty("format") int format, @JsonProperty("keyId") String keyId,
                           @JsonProperty("dataKey") String dataKey, @JsonProperty("dataKeys") Map<String, String> dataKeys) {

    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SnapshotKeys {
        dataKeys = Map.copyOf(dataKeys);
    }

    /** A new snapshot's keys: {@code own} for what it writes, and the data keys of {@code base}, if any. */
    public static SnapshotKeys create(KeyEncryptionKey kek, DataKey own, Optional<SnapshotKeys> base) {
        Map<String, String> keys = new LinkedHashMap<>();
        base.ifPresent(inherited -> keys.putAll(inherited.dataKeys));
        keys.put(own.id(), Base64.getEncoder().encodeToString(own.wrappedBy(kek)));
        return new SnapshotKeys(FORMAT, kek.id(), own.id(), keys);
    }

    public static SnapshotKeys parse(String objectKey, byte[] json) throws IOException {
        try {
            SnapshotKeys keys = JSON.readValue(json, SnapshotKeys.class);
            if (keys.format != FORMAT || keys.keyId == null || keys.dataKey == null || !keys.dataKeys.containsKey(keys.dataKey)) {
                throw new DamagedObjectException(objectKey + " is not an encryption.json this Lifeboat reads");
            }
            return keys;
        } catch (DamagedObjectException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DamagedObjectException(objectKey + " is damaged: not the JSON of a snapshot's keys");
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every data key, unwrapped by {@code kek}.
     *
     * @throws KeyMismatchException when {@code kek} is not the key they are wrapped by
     */
    public Map<String, DataKey> open(KeyEncryptionKey kek, String snapshot) throws KeyMismatchException {
        if (!kek.id().equals(keyId)) {
            throw new KeyMismatchException("snapshot " + snapshot + " is encrypted with key " + keyId + ", but the key file given holds key "
                    + kek.id());
        }
        Map<String, DataKey> opened = new LinkedHashMap<>();
        for (Map.Entry<String, String> wrapped : dataKeys.entrySet()) {
            try {
                opened.put(wrapped.getKey(), DataKey.unwrap(wrapped.getKey(), Base64.getDecoder().decode(wrapped.getValue()), kek));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new KeyMismatchException("the key file's key " + kek.id() + " does not open data key " + wrapped.getKey() + " of snapshot "
                        + snapshot + " (the key file or the snapshot's encryption.json was changed)");
            }
        }
        return opened;
    }

    /** The same data keys wrapped by {@code next} instead: a rotation rewrites this small object, never the data. */
    public SnapshotKeys rewrapped(KeyEncryptionKey current, KeyEncryptionKey next, String snapshot) throws KeyMismatchException {
        Map<String, String> keys = new LinkedHashMap<>();
        open(current, snapshot).forEach((id, key) -> keys.put(id, Base64.getEncoder().encodeToString(key.wrappedBy(next))));
        return new SnapshotKeys(FORMAT, next.id(), dataKey, keys);
    }
}
