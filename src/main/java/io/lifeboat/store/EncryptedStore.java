package io.lifeboat.store;

import io.lifeboat.claim.ConditionalObjects;
import io.lifeboat.crypto.DamagedObjectException;
import io.lifeboat.crypto.DataKey;
import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.crypto.SealedObjects;
import io.lifeboat.crypto.SnapshotKeys;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.StoreLocation;
import org.apache.commons.io.function.IOConsumer;
import org.apache.commons.io.output.CloseShieldOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store whose encrypted snapshots hold only sealed objects: what is written into a snapshot that has keys is
 * sealed with its data key on the way out, and what is read from one is opened (and so authenticated) on the way
 * in; everything else passes as it is. Which objects are sealed follows from their keys and from whether their
 * snapshot has an {@code encryption.json}, never from their content, so a changed object cannot pass for a plain
 * one. Sizes are the objects' plain sizes, as manifests record them.
 */
public final class EncryptedStore implements SnapshotStore {

    private final SnapshotStore store;
    private final Optional<KeyEncryptionKey> kek;
    /** By snapshot folder: its keys, or empty when it is not encrypted. */
    private final Map<String, Optional<SnapshotKeys>> folders = new ConcurrentHashMap<>();
    /** Every data key unwrapped so far, by id. */
    private final Map<String, DataKey> dataKeys = new ConcurrentHashMap<>();

    public EncryptedStore(SnapshotStore store, Optional<KeyEncryptionKey> kek) {
        this.store = store;
        this.kek = kek;
    }

    @Override
    public Optional<String> sealingKeyId() {
        return kek.map(KeyEncryptionKey::id);
    }

    @Override
    public Optional<String> encryptionKeyId(String snapshot) throws IOException {
        return keysOf(snapshot).map(SnapshotKeys::keyId);
    }

    @Override
    public void seal(SnapshotName snapshot, Optional<SnapshotName> base) throws IOException {
        KeyEncryptionKey key = kek.orElseThrow(() -> new IllegalStateException("no key file to encrypt " + snapshot + " with"));
        Optional<SnapshotKeys> existing = keysOf(snapshot.value());
        if (existing.isPresent()) {
            // A run resumed: its data key stays, or what it wrote would no longer open.
            existing.get().open(key, snapshot.value());
            return;
        }
        Optional<SnapshotKeys> inherited = Optional.empty();
        if (base.isPresent()) {
            inherited = keysOf(base.get().value());
            if (inherited.isPresent()) {
                inherited.get().open(key, base.get().value());
            }
        }
        SnapshotKeys keys = SnapshotKeys.create(key, DataKey.generate(), inherited);
        store.put(StoreLayout.keysKey(snapshot), keys.toJson());
        folders.put(snapshot.value(), Optional.of(keys));
    }

    @Override
    public StoreLocation location() {
        return store.location();
    }

    @Override
    public void checkReachable() throws IOException {
        store.checkReachable();
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Optional<Long> size = store.size(key);
        if (size.isEmpty() || sealedBy(key).isEmpty()) {
            return size;
        }
        long plain = SealedObjects.plainSize(size.get());
        return Optional.of(plain >= 0 ? plain : size.get());
    }

    @Override
    public ObjectUpload upload(String key, int partsInFlight, long expectedBytes) throws IOException {
        Optional<String> folder = sealedBy(key);
        if (folder.isEmpty()) {
            forget(key);
            return store.upload(key, partsInFlight, expectedBytes);
        }
        DataKey own = ownKey(folder.get());
        long sealedBytes = expectedBytes == Long.MAX_VALUE ? expectedBytes : SealedObjects.sealedSize(expectedBytes);
        return new SealedUpload(store.upload(key, partsInFlight, sealedBytes), own, key);
    }

    @Override
    public InputStream download(String key, int partsInFlight) throws IOException {
        Optional<String> folder = sealedBy(key);
        InputStream stored = store.download(key, partsInFlight);
        if (folder.isEmpty()) {
            return stored;
        }
        try {
            return SealedObjects.open(stored, key, id -> dataKey(folder.get(), id, key));
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
        Optional<String> folder = sealedBy(key);
        if (folder.isEmpty()) {
            return store.putIfAbsent(key, bytes);
        }
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(bytes.length + 128);
        try (OutputStream out = ownKey(folder.get()).seal(sealed, key)) {
            out.write(bytes);
        }
        return store.putIfAbsent(key, sealed.toByteArray());
    }

    @Override
    public void forEach(String prefix, IOConsumer<StoredObject> each) throws IOException {
        store.forEach(prefix, each);
    }

    @Override
    public List<String> folders() throws IOException {
        return store.folders();
    }

    @Override
    public void delete(String key) throws IOException {
        store.delete(key);
        forget(key);
    }

    @Override
    public void deleteAll(List<String> keys) throws IOException {
        store.deleteAll(keys);
        keys.forEach(this::forget);
    }

    @Override
    public void abandonUnfinished(String prefix) throws IOException {
        store.abandonUnfinished(prefix);
    }

    @Override
    public ConditionalObjects conditionalObjects() {
        return store.conditionalObjects();
    }

    @Override
    public void close() {
        store.close();
    }

    /** The snapshot folder whose data keys seal {@code key}, when the object is sealed. */
    private Optional<String> sealedBy(String key) throws IOException {
        Optional<String> folder = StoreLayout.sealableFolder(key);
        if (folder.isEmpty()) {
            return folder;
        }
        // A file object's name says it is sealed; its snapshot may since have been purged.
        if (key.startsWith(StoreLayout.FILES) || keysOf(folder.get()).isPresent()) {
            return folder;
        }
        return Optional.empty();
    }

    private Optional<SnapshotKeys> keysOf(String folder) throws IOException {
        Optional<SnapshotKeys> known = folders.get(folder);
        if (known != null) {
            return known;
        }
        String key = folder + "/" + StoreLayout.KEYS;
        Optional<SnapshotKeys> keys = store.size(key).isPresent() ? Optional.of(SnapshotKeys.parse(key, store.read(key))) : Optional.empty();
        folders.put(folder, keys);
        return keys;
    }

    private DataKey ownKey(String folder) throws IOException {
        SnapshotKeys keys = keysOf(folder).orElseThrow(() -> new StoreException("snapshot " + folder + " has no encryption.json to seal "
                + "its objects with"));
        unwrapAll(folder, keys);
        return dataKeys.get(keys.dataKey());
    }

    private DataKey dataKey(String folder, String id, String objectKey) throws IOException {
        DataKey known = dataKeys.get(id);
        if (known != null) {
            return known;
        }
        Optional<SnapshotKeys> keys = keysOf(folder);
        if (keys.isPresent()) {
            unwrapAll(folder, keys.get());
        }
        known = dataKeys.get(id);
        if (known == null && !objectKey.startsWith(StoreLayout.FILES)) {
            throw new DamagedObjectException(objectKey + " is damaged: it is sealed with data key " + id + ", which is none of snapshot "
                    + folder + "'s (copied from another snapshot?)");
        }
        if (known == null) {
            throw new StoreException(objectKey + " is sealed with data key " + id + ", which no encryption.json read here holds"
                    + " (read it through a snapshot that refers to it)");
        }
        return known;
    }

    private void unwrapAll(String folder, SnapshotKeys keys) throws IOException {
        if (dataKeys.keySet().containsAll(keys.dataKeys().keySet())) {
            return;
        }
        KeyEncryptionKey key = kek.orElseThrow(() -> new ParameterException(KeyEncryptionKey.PARAMETER, "snapshot " + folder + " is encrypted (key "
                + keys.keyId() + "): give its key file with -p " + KeyEncryptionKey.PARAMETER + "=FILE"));
        dataKeys.putAll(keys.open(key, folder));
    }

    private void forget(String key) {
        if (StoreLayout.isKeys(key)) {
            folders.remove(key.substring(0, key.indexOf('/')));
        }
    }

    /** An upload sealed on the way: the object appears, whole and sealed, only when the plain stream is complete. */
    private static final class SealedUpload extends ObjectUpload {

        private final ObjectUpload sealed;
        private final OutputStream plain;

        SealedUpload(ObjectUpload sealed, DataKey key, String objectKey) throws IOException {
            this.sealed = sealed;
            try {
                this.plain = key.seal(CloseShieldOutputStream.wrap(sealed), objectKey);
            } catch (IOException | RuntimeException e) {
                sealed.close();
                throw e;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            plain.write(bytes, offset, length);
        }

        @Override
        protected void finish() throws IOException {
            plain.close();
            sealed.complete();
        }

        @Override
        protected void abort() throws IOException {
            sealed.close();
        }
    }
}
