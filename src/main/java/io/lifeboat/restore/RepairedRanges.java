package io.lifeboat.restore;

import io.lifeboat.ring.Partitioner;
import io.lifeboat.ring.ReplicaPlacement;
import io.lifeboat.ring.Replication;
import io.lifeboat.ring.Ring;
import io.lifeboat.ring.RingNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which backed-up node sends the repaired SSTables of each token range when a keyspace is streamed. Incremental
 * repair marks SSTables repaired only once every replica of their ranges agreed on them ({@code
 * ActiveRepairService.getRepairedAt}), so one replica's repaired data is every replica's: the first backed-up replica
 * of a range (by node index) sends it, the others do not, and each row's repaired data crosses the network RF' times
 * instead of RF x RF'. Unrepaired data, which may hold a write that reached one replica only, is always sent by every
 * node that has it.
 */
final class RepairedRanges {

    private RepairedRanges() {
    }

    /**
     * For each backed-up node, the ranges {@code [start, end]} ({@code (start, end]} in Cassandra's terms) it sends
     * repaired data for; empty when the ring's placement cannot be computed (every node then sends everything).
     *
     * @param hostIds the host id of each backed-up node, by node index
     */
    static Optional<Map<Integer, List<List<String>>>> designated(Ring ring, Replication replication, Map<Integer, String> hostIds) {
        Optional<Partitioner> partitioner = ring.comparablePartitioner();
        if (partitioner.isEmpty() || !replication.placeable()) {
            return Optional.empty();
        }
        Map<String, Integer> indexOf = new HashMap<>();
        hostIds.forEach((index, hostId) -> indexOf.put(hostId, index));
        Map<Integer, List<List<String>>> designated = new HashMap<>();
        hostIds.keySet().forEach(index -> designated.put(index, new ArrayList<>()));
        List<BigInteger> tokens = sortedTokens(ring, partitioner.get());
        for (int i = 0; i < tokens.size(); i++) {
            BigInteger end = tokens.get(i);
            BigInteger start = tokens.get(i == 0 ? tokens.size() - 1 : i - 1);
            ReplicaPlacement.replicasOf(ring, replication, end).stream().filter(indexOf::containsKey).map(indexOf::get)
                    .min(Integer::compare)
                    .ifPresent(first -> designated.get(first).add(List.of(start.toString(), end.toString())));
        }
        return Optional.of(designated);
    }

    private static List<BigInteger> sortedTokens(Ring ring, Partitioner partitioner) {
        TreeSet<BigInteger> tokens = new TreeSet<>();
        for (RingNode node : ring.nodes()) {
            node.tokens().forEach(token -> tokens.add(partitioner.nodeToken(token)));
        }
        return List.copyOf(tokens);
    }
}
