package io.lifeboat.restore;

import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeLoad;
import io.lifeboat.cluster.StreamTarget;
import io.lifeboat.kernel.Compression;
import io.lifeboat.plan.NodeRequest;

import java.util.List;
import java.util.Optional;

/**
 * One target node's part of a restore: the backed-up nodes' parts staged and loaded on it (none for a node that only
 * receives streamed rows), where streamed parts go ({@code streamTo}, null when none streams), and every name the
 * restore creates on any node, none of which may exist on this one.
 */
record NodeRestore(Node node, List<RestorePart> parts, Compression compression, List<String> restoring, StreamTarget streamTo)
        implements NodeRequest {

    NodeRestore {
        parts = List.copyOf(parts);
        restoring = List.copyOf(restoring);
    }

    NodeLoad load() {
        return new NodeLoad(parts.stream().map(RestorePart::load).toList(), Optional.ofNullable(streamTo));
    }

    long expectedBytes() {
        return parts.stream().mapToLong(RestorePart::expectedBytes).sum();
    }
}
