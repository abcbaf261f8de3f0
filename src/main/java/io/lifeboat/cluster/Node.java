package io.lifeboat.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * One node of a cluster: its index and its data directories (the first also holds Lifeboat's working
 * folders). Each cluster type adds what it needs to reach its nodes.
 */
public interface Node {

    int index();

    List<Path> dataDirs();

    default Path dataDir() {
        return dataDirs().get(0);
    }
}
