package io.lifeboat.archive;

/** One regular file of a node archive: its path inside the archive, size and SHA-256. */
public record FileEntry(String path, long size, String sha256) {
}
