package io.lifeboat.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which token ranges each node of a ring replicates for a keyspace, computed as Cassandra 5.0 places replicas. */
public final class ReplicaPlacement {

    private ReplicaPlacement() {
    }

    /**
     * AbstractReplicationStrategy.getAddressReplicas: for each node (by host id, in ring order) the ranges it holds a
     * replica of, normalized; a node holding none maps to an empty set.
     *
     * @throws IllegalArgumentException when the partitioner or the strategy is not one Lifeboat can place
     */
    public static Map<String, TokenRanges> replicatedRanges(Ring ring, Replication replication) {
        Partitioner partitioner = comparablePartitioner(ring);
        SortedTokens tokens = new SortedTokens(ring, partitioner);
        PlacementRule rule = rule(ring, replication);
        Map<String, List<TokenRange>> rangesByHost = new LinkedHashMap<>();
        ring.nodes().forEach(node -> rangesByHost.put(node.hostId(), new ArrayList<>()));
        for (BigInteger token : tokens.tokens()) {
            TokenRange range = tokens.rangeEndingAt(token);
            rule.naturalReplicas(tokens, token).forEach(replica -> rangesByHost.get(replica.hostId()).add(range));
        }
        Map<String, TokenRanges> replicated = new LinkedHashMap<>();
        rangesByHost.forEach((hostId, ranges) -> replicated.put(hostId, TokenRanges.of(partitioner, ranges)));
        return Collections.unmodifiableMap(replicated);
    }

    /**
     * The host ids of the replicas of the range holding the token, in Cassandra's order (the first is the range's
     * primary replica).
     *
     * @throws IllegalArgumentException when the partitioner or the strategy is not one Lifeboat can place, or the token is not in its space
     */
    public static List<String> replicasOf(Ring ring, Replication replication, BigInteger token) {
        Partitioner partitioner = comparablePartitioner(ring);
        if (!partitioner.holds(token)) {
            throw new IllegalArgumentException(token + " is not a " + partitioner.simpleName() + " token");
        }
        return rule(ring, replication).naturalReplicas(new SortedTokens(ring, partitioner), token).stream().map(RingNode::hostId).toList();
    }

    private static Partitioner comparablePartitioner(Ring ring) {
        return ring.comparablePartitioner().orElseThrow(() -> new IllegalArgumentException(
                "cannot place replicas for " + ring.partitioner() + ": only rings with identical tokens can be compared"));
    }

    private static PlacementRule rule(Ring ring, Replication replication) {
        if (replication.isSimple()) {
            return new SimplePlacement(replication.simpleFactor());
        }
        if (replication.isNetworkTopology()) {
            return new NetworkTopologyPlacement(ring, replication.factorsByDatacenter());
        }
        throw new IllegalArgumentException("cannot place replicas for " + replication.strategyName()
                + ": only SimpleStrategy and NetworkTopologyStrategy are computed");
    }
}
