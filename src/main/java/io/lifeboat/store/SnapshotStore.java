package io.lifeboat.store;

import io.lifeboat.claim.ClaimTakenException;
import io.lifeboat.claim.ConditionalObjects;
import io.lifeboat.claim.LeasedClaim;
import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.StoreLocation;
import org.apache.commons.io.function.IOConsumer;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Objects by key in S3, Azure Blob or a local directory; big objects move as streams, never whole. */
public interface SnapshotStore extends AutoCloseable {

    StoreLocation location();

    /** The id of the key this store encrypts new snapshots with, if it was given one. */
    default Optional<String> sealingKeyId() {
        return Optional.empty();
    }

    /** The id of the key the data keys of the snapshot in {@code folder} are wrapped with, when it is encrypted. */
    default Optional<String> encryptionKeyId(String folder) throws IOException {
        return Optional.empty();
    }

    /**
     * Gives a new snapshot its {@code encryption.json}: a data key of its own (kept if a resumed run already made it),
     * and the data keys of {@code base}, whose objects it may refer to.
     */
    default void seal(SnapshotName snapshot, Optional<SnapshotName> base) throws IOException {
        throw new UnsupportedOperationException(location().describe() + " does not encrypt");
    }

    /** Fails with a clear message when the bucket, container or directory cannot be used. */
    void checkReachable() throws IOException;

    /** The object's size, if it exists. */
    Optional<Long> size(String key) throws IOException;

    /** Starts a streamed upload; the object appears only when {@link ObjectUpload#complete()} returns. */
    default ObjectUpload upload(String key) throws IOException {
        return upload(key, Integer.MAX_VALUE);
    }

    /** A streamed upload that holds at most {@code partsInFlight} part buffers (and never more than the store's setting). */
    default ObjectUpload upload(String key, int partsInFlight) throws IOException {
        return upload(key, partsInFlight, Long.MAX_VALUE);
    }

    /**
     * A streamed upload of about {@code expectedBytes}: an object smaller than a part holds a buffer of its own size,
     * not a whole part, so that many small objects can be in flight at once.
     */
    ObjectUpload upload(String key, int partsInFlight, long expectedBytes) throws IOException;

    default InputStream download(String key) throws IOException {
        return download(key, Integer.MAX_VALUE);
    }

    /** A download read ahead by at most {@code partsInFlight} parts (1: not read ahead, no buffer of its own). */
    InputStream download(String key, int partsInFlight) throws IOException;

    /** Every object whose key starts with {@code prefix}, read page by page. */
    default List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        forEach(prefix, objects::add);
        return objects;
    }

    /** Tells {@code each} every object whose key starts with {@code prefix}, in key order, a page at a time: nothing is held. */
    void forEach(String prefix, IOConsumer<StoredObject> each) throws IOException;

    /** The first segments of the store's keys, sorted: the snapshot folders (and {@code .lifeboat}), one listing page per thousand. */
    List<String> folders() throws IOException;

    void delete(String key) throws IOException;

    /** The most keys {@link #deleteAll} takes at once. */
    int DELETE_BATCH = 1000;

    /** Deletes up to {@link #DELETE_BATCH} objects in as few requests as the store allows; a key already gone is no error. */
    void deleteAll(List<String> keys) throws IOException;

    /** Deletes every object under {@code prefix} that {@code goes}: listed a page at a time, deleted a batch at a time. */
    default void deleteWhere(String prefix, Predicate<StoredObject> goes) throws IOException {
        List<String> batch = new ArrayList<>();
        forEach(prefix, object -> {
            if (goes.test(object)) {
                batch.add(object.key());
            }
            if (batch.size() == DELETE_BATCH) {
                deleteAll(List.copyOf(batch));
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            deleteAll(batch);
        }
    }

    /**
     * Discards what unfinished uploads under {@code prefix} left in the store (S3 multipart uploads never
     * completed, partial files of a directory) so that a killed run leaves nothing behind its rerun.
     */
    void abandonUnfinished(String prefix) throws IOException;

    /** Fails, saying what is wrong in words, unless the object is in the store at {@code size} bytes. */
    default void checkSize(String key, long size) throws IOException {
        Optional<Long> stored = size(key);
        if (stored.isEmpty()) {
            throw new StoreException(key + " is missing from " + location().describe());
        }
        if (stored.get() < size) {
            throw new StoreException(key + " is truncated: the store holds " + stored.get() + " of the " + size + " bytes the manifest lists");
        }
        if (stored.get() > size) {
            throw new StoreException(key + " is " + stored.get() + " bytes in the store, but the manifest lists " + size);
        }
    }

    /** The store's small objects written only if absent or unchanged: what claims and the manifest rely on. */
    ConditionalObjects conditionalObjects();

    /** Writes a small object only if none exists under the key; false when one does. */
    default boolean putIfAbsent(String key, byte[] bytes) throws IOException {
        return conditionalObjects().create(key, bytes).isPresent();
    }

    /**
     * Claims {@code key} for {@code owner}: a run that died holding it is recognised and replaced.
     *
     * @throws ClaimTakenException when a live run holds it
     */
    default LeasedClaim claim(String key, RunOwner owner) throws IOException {
        return LeasedClaim.acquire(conditionalObjects(), key, owner, Clock.systemUTC());
    }

    default void put(String key, byte[] bytes) throws IOException {
        try (ObjectUpload upload = upload(key)) {
            upload.write(bytes);
            upload.complete();
        }
    }

    default byte[] read(String key) throws IOException {
        try (InputStream in = download(key)) {
            return in.readAllBytes();
        }
    }

    @Override
    default void close() {
    }
}
