package io.lifeboat.store;

import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.kernel.StoreLocation.AzureLocation;
import io.lifeboat.kernel.StoreLocation.LocalLocation;
import io.lifeboat.kernel.StoreLocation.S3Location;
import org.apache.camel.CamelContext;

import java.util.Optional;

/** Opens the store a location names; the Camel endpoints of S3 and Azure stores live in {@code camel}. */
public final class Stores {

    private static final int SERIAL_PART_SIZE = 5 * 1024 * 1024;

    private Stores() {
    }

    /** The store, encrypting new snapshots with {@code kek} when one is given; encrypted snapshots are recognised either way. */
    public static SnapshotStore open(StoreLocation location, Transfers transfers, CamelContext camel, Optional<KeyEncryptionKey> kek) {
        return new EncryptedStore(unsealed(location, transfers, camel), kek);
    }

    public static SnapshotStore open(StoreLocation location, Transfers transfers, CamelContext camel) {
        return open(location, transfers, camel, Optional.empty());
    }

    /** A store for listings and checks: small objects, one request at a time. */
    public static SnapshotStore open(StoreLocation location, Deadlines deadlines, CamelContext camel, Optional<KeyEncryptionKey> kek) {
        return open(location, Transfers.serial(SERIAL_PART_SIZE, deadlines), camel, kek);
    }

    private static SnapshotStore unsealed(StoreLocation location, Transfers transfers, CamelContext camel) {
        if (location instanceof S3Location s3) {
            return new S3Store(s3, S3Store.newClients(s3, transfers.deadlines()), transfers, camel);
        }
        if (location instanceof AzureLocation azure) {
            return new AzureBlobStore(azure, AzureBlobStore.newClient(azure, transfers.deadlines()), transfers, camel);
        }
        return new LocalDirectoryStore((LocalLocation) location);
    }

    /** A store for listings and checks: small objects, one request at a time. */
    public static SnapshotStore open(StoreLocation location, Deadlines deadlines, CamelContext camel) {
        return open(location, deadlines, camel, Optional.empty());
    }
}
