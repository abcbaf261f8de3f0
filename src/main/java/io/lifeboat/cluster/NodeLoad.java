package io.lifeboat.cluster;

import java.util.List;
import java.util.Optional;

/** What one target node loads: the parts staged on it, and where streamed parts go. */
public record NodeLoad(List<PartLoad> parts, Optional<StreamTarget> streamTo) {

    public NodeLoad {
        parts = List.copyOf(parts);
    }
}
