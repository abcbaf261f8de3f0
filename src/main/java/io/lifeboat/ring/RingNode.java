package io.lifeboat.ring;

import java.util.HashSet;
import java.util.List;

/** One node of a ring: its host id, address, data centre, rack and tokens, the tokens as Cassandra prints them. */
public record RingNode(String hostId, String address, String datacenter, String rack, List<String> tokens) {

    public RingNode {
        requireText("host id", hostId, hostId);
        requireText("address", hostId, address);
        requireText("data centre", hostId, datacenter);
        requireText("rack", hostId, rack);
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            // a node without tokens is not yet part of the ring (Cassandra's TokenMetadata ignores it too)
            throw new IllegalArgumentException("node " + hostId + " has no tokens");
        }
        if (new HashSet<>(tokens).size() != tokens.size()) {
            throw new IllegalArgumentException("node " + hostId + " lists a token twice");
        }
    }

    private static void requireText(String what, String hostId, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("node " + hostId + " has no " + what);
        }
    }
}
