package io.lifeboat.manifest;

/** The schema saved with a snapshot: its object in the store, size and SHA-256. */
public record SchemaEntry(String object, long size, String sha256) {
}
