package io.lifeboat.cluster;

import io.lifeboat.kernel.AgentAddress;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A node of a file cluster: one directory of keyspaces, and the agent beside it if it has one. */
public record FileNode(int index, Path dataDir, Optional<AgentAddress> agent) implements Node {

    /** A node this process works on directly. */
    public FileNode(int index, Path dataDir) {
        this(index, dataDir, Optional.empty());
    }

    @Override
    public List<Path> dataDirs() {
        return List.of(dataDir);
    }

    @Override
    public String toString() {
        return "node " + index;
    }
}
