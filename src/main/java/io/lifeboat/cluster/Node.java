package io.lifeboat.cluster;

import java.nio.file.Path;

/** One node of a cluster: its index and the directory that holds its keyspaces. */
public record Node(int index, Path dataDir) {

    @Override
    public String toString() {
        return "node " + index;
    }
}
