package io.lifeboat.cluster;

import io.lifeboat.kernel.AgentAddress;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One node of a cluster: its index and its data directories (the first also holds Lifeboat's working
 * folders), and the agent that works on its own host, if it has one (else Lifeboat works on the node
 * itself, which it must then see). Each cluster type adds what it needs to reach its nodes.
 */
public interface Node {

    int index();

    List<Path> dataDirs();

    default Path dataDir() {
        return dataDirs().get(0);
    }

    /** The agent beside the node; empty when this process works on the node's data directly. */
    Optional<AgentAddress> agent();
}
