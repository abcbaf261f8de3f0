package io.lifeboat.claim;

import java.io.IOException;
import java.util.Optional;

/**
 * Small objects written only if absent, or replaced only if unchanged since read: S3 and Azure conditional
 * requests ({@code If-None-Match: *}, {@code If-Match}), or files in a directory. What claims are built on.
 */
public interface ConditionalObjects {

    /** A small object with the tag of its version. */
    record Versioned(byte[] bytes, String version) {
    }

    /** Writes the object unless one exists under the key; the new version's tag, or empty when one existed. */
    Optional<String> create(String key, byte[] bytes) throws IOException;

    Optional<Versioned> readVersioned(String key) throws IOException;

    /** Replaces the object only if it is still at {@code version}; the new version's tag, or empty when it changed. */
    Optional<String> replace(String key, byte[] bytes, String version) throws IOException;

    /** Deletes the object only if it is still at {@code version}; quickly, or not at all. */
    void deleteIf(String key, String version) throws IOException;
}
