package io.lifeboat.store;

import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.StoreLocation;

import io.lifeboat.kernel.StoreLocation.AzureLocation;
import io.lifeboat.kernel.StoreLocation.LocalLocation;
import io.lifeboat.kernel.StoreLocation.S3Location;

/** Opens the store a location names. */
public final class Stores {

    private static final int SERIAL_PART_SIZE = 5 * 1024 * 1024;

    private Stores() {
    }

    public static SnapshotStore open(StoreLocation location, Transfers transfers) {
        if (location instanceof S3Location s3) {
            return new S3Store(s3, S3Store.newClients(s3, transfers.deadlines()), transfers);
        }
        if (location instanceof AzureLocation azure) {
            return new AzureBlobStore(azure, AzureBlobStore.newClient(azure, transfers.deadlines()), transfers);
        }
        return new LocalDirectoryStore((LocalLocation) location);
    }

    /** A store for listings and checks: small objects, one request at a time. */
    public static SnapshotStore open(StoreLocation location, Deadlines deadlines) {
        return open(location, Transfers.serial(SERIAL_PART_SIZE, deadlines));
    }
}
