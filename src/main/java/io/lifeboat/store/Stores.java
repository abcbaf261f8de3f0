package io.lifeboat.store;

import io.lifeboat.store.StoreLocation.AzureLocation;
import io.lifeboat.store.StoreLocation.LocalLocation;
import io.lifeboat.store.StoreLocation.S3Location;

/** Opens the store a location names. */
public final class Stores {

    private Stores() {
    }

    /** @param chunkSize the size of one multipart part or block, the only large buffer of an upload */
    public static SnapshotStore open(StoreLocation location, int chunkSize) {
        if (location instanceof S3Location s3) {
            return new S3Store(s3, S3Store.newClient(s3), chunkSize);
        }
        if (location instanceof AzureLocation azure) {
            return new AzureBlobStore(azure, AzureBlobStore.newClient(azure), chunkSize);
        }
        return new LocalDirectoryStore((LocalLocation) location);
    }
}
