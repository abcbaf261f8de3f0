package io.lifeboat.store;

import java.io.IOException;

/**
 * The right to write one snapshot name, held by one run at a time, so that of two backups under one name
 * exactly one completes. Taken before the first object is written; released after the manifest.
 */
public interface SnapshotClaim extends AutoCloseable {

    /** Fails unless this run still holds the name (checked just before the manifest is written). */
    void checkHeld() throws IOException;

    /** Gives the name up. */
    @Override
    void close() throws IOException;
}
