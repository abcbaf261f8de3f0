package io.lifeboat.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NetworkTopologyStrategy.calculateNaturalReplicas of Cassandra 5.0: one walk round the ring from the token, filling
 * each data centre's factor, one node per rack while unseen racks remain.
 */
final class NetworkTopologyPlacement implements PlacementRule {

    private final Map<String, Integer> factors = new HashMap<>();
    private final Map<String, Integer> nodeCounts = new HashMap<>();
    private final Map<String, Integer> rackCounts = new HashMap<>();

    NetworkTopologyPlacement(Ring ring, Map<String, ReplicationFactor> factorsByDatacenter) {
        factorsByDatacenter.forEach((datacenter, factor) -> {
            int nodes = ring.nodesIn(datacenter).size();
            // a data centre with no replicas asked, or with no node in this ring, takes no part (as in Cassandra)
            if (factor.allReplicas() > 0 && nodes > 0) {
                factors.put(datacenter, factor.allReplicas());
                nodeCounts.put(datacenter, nodes);
                rackCounts.put(datacenter, ring.racksIn(datacenter).size());
            }
        });
    }

    @Override
    public List<RingNode> naturalReplicas(SortedTokens ring, BigInteger search) {
        List<RingNode> replicas = new ArrayList<>();
        Set<List<String>> seenRacks = new HashSet<>();
        Map<String, DatacenterReplicas> datacenters = new HashMap<>();
        factors.forEach((datacenter, factor) -> datacenters.put(datacenter,
                new DatacenterReplicas(factor, rackCounts.get(datacenter), nodeCounts.get(datacenter), replicas, seenRacks)));
        int datacentersToFill = datacenters.size();
        for (BigInteger token : ring.walkFrom(search)) {
            if (datacentersToFill == 0) {
                break;
            }
            RingNode owner = ring.ownerOf(token);
            DatacenterReplicas datacenter = datacenters.get(owner.datacenter());
            if (datacenter != null && datacenter.addAndCheckIfDone(owner)) {
                datacentersToFill--;
            }
        }
        return replicas;
    }

    /** NetworkTopologyStrategy.DatacenterEndpoints: the replicas one data centre still needs, and the rack repeats it may still take. */
    private static final class DatacenterReplicas {

        private final List<RingNode> replicas;
        private final Set<List<String>> seenRacks;
        private int replicasLeft;
        private int acceptableRackRepeats;

        DatacenterReplicas(int factor, int rackCount, int nodeCount, List<RingNode> replicas, Set<List<String>> seenRacks) {
            this.replicas = replicas;
            this.seenRacks = seenRacks;
            // fewer nodes than the factor: every node, no more
            this.replicasLeft = Math.min(factor, nodeCount);
            // fewer racks than the factor: one node of each rack, the rest filled by the first repeats met on the walk
            this.acceptableRackRepeats = factor - rackCount;
        }

        boolean addAndCheckIfDone(RingNode node) {
            if (replicasLeft == 0 || replicas.contains(node)) {
                return false;
            }
            if (seenRacks.add(List.of(node.datacenter(), node.rack()))) {
                replicas.add(node);
                return --replicasLeft == 0;
            }
            if (acceptableRackRepeats <= 0) {
                // the replicas left must each come from a rack not seen yet
                return false;
            }
            replicas.add(node);
            acceptableRackRepeats--;
            return --replicasLeft == 0;
        }
    }
}
