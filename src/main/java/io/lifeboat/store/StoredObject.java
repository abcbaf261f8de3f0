package io.lifeboat.store;

import java.time.Instant;

/** One object of a store as a listing shows it. */
public record StoredObject(String key, long size, Instant lastModified) {
}
