package io.lifeboat.cluster;

import java.nio.file.Path;

/** A directory whose tree goes into a node archive under {@code path} (e.g. {@code ks1} or {@code ks1/users}). */
public record ArchiveRoot(String path, Path directory) {
}
