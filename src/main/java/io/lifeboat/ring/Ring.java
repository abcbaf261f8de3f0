package io.lifeboat.ring;

import io.lifeboat.kernel.Printable;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A cluster's token ring: its partitioner (the class name Cassandra reports) and its nodes, each token owned once. */
public record Ring(String partitioner, List<RingNode> nodes) {

    public Ring {
        if (partitioner == null || partitioner.isBlank()) {
            throw new IllegalArgumentException("ring has no partitioner");
        }
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("ring has no nodes");
        }
        requireUnique("host id", nodes.stream().map(RingNode::hostId).toList());
        requireUnique("address", nodes.stream().map(RingNode::address).toList());
        requireTokensOwnedOnce(partitioner, nodes);
    }

    /** The partitioner when Lifeboat can place its tokens; empty when rings can only be compared for identical tokens. */
    public Optional<Partitioner> comparablePartitioner() {
        return Partitioner.of(partitioner);
    }

    public Optional<RingNode> node(String hostId) {
        return nodes.stream().filter(node -> node.hostId().equals(hostId)).findFirst();
    }

    public Set<String> datacenters() {
        return nodes.stream().map(RingNode::datacenter).collect(Collectors.toCollection(TreeSet::new));
    }

    public List<RingNode> nodesIn(String datacenter) {
        return nodes.stream().filter(node -> node.datacenter().equals(datacenter)).toList();
    }

    public Set<String> racksIn(String datacenter) {
        return nodesIn(datacenter).stream().map(RingNode::rack).collect(Collectors.toCollection(TreeSet::new));
    }

    public int tokenCount() {
        return nodes.stream().mapToInt(node -> node.tokens().size()).sum();
    }

    private static void requireUnique(String what, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (!seen.add(value)) {
                throw new IllegalArgumentException("ring has two nodes with " + what + " " + Printable.of(value));
            }
        }
    }

    /** Tokens of a known partitioner are compared as numbers ("-0" is "0"), any other partitioner's as text. */
    private static void requireTokensOwnedOnce(String partitioner, List<RingNode> nodes) {
        Optional<Partitioner> space = Partitioner.of(partitioner);
        Map<Object, String> owners = new HashMap<>();
        for (RingNode node : nodes) {
            for (String token : node.tokens()) {
                Object key = space.<Object>map(known -> nodeToken(known, node, token)).orElse(token);
                String previous = owners.putIfAbsent(key, node.hostId());
                if (previous != null) {
                    throw new IllegalArgumentException("token " + Printable.of(token) + " is owned by both " + previous + " and "
                            + node.hostId());
                }
            }
        }
    }

    private static BigInteger nodeToken(Partitioner partitioner, RingNode node, String token) {
        try {
            return partitioner.nodeToken(token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node " + node.hostId() + ": " + e.getMessage());
        }
    }
}
