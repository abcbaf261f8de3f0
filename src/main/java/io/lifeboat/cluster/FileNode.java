package io.lifeboat.cluster;

import java.nio.file.Path;
import java.util.List;

/** A node of a file cluster: one directory of keyspaces. */
public record FileNode(int index, Path dataDir) implements Node {

    @Override
    public List<Path> dataDirs() {
        return List.of(dataDir);
    }

    @Override
    public String toString() {
        return "node " + index;
    }
}
