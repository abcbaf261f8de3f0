package io.lifeboat.cluster;

import java.nio.file.Path;
import java.util.List;

/** One backed-up node's keyspaces staged on the target node that loads them, in a folder of their own. */
public record PartLoad(int sourceNode, List<KeyspaceLoad> keyspaces) {

    public PartLoad {
        keyspaces = List.copyOf(keyspaces);
    }

    /** Where this part is staged inside the node's staging folder. */
    public Path folder(Path staging) {
        return staging.resolve("node-" + sourceNode);
    }
}
