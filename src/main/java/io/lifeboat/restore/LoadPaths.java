package io.lifeboat.restore;

import io.lifeboat.cluster.LoadPath;
import io.lifeboat.cluster.Topology;
import io.lifeboat.kernel.DatacenterMapping;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.ring.ReplicaPlacement;
import io.lifeboat.ring.Replication;
import io.lifeboat.ring.Ring;
import io.lifeboat.ring.RingNode;
import io.lifeboat.ring.TokenRanges;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How each restored keyspace of each backed-up node goes into a Cassandra target. A keyspace is imported where every
 * target node that replicates any of it is mapped (by node index) to a backed-up node that replicated exactly the same
 * token ranges of it: each of those nodes then takes its own SSTables, which hold all it must hold, and a backed-up
 * node without such a target streams its SSTables to the replicas that own their rows. Anywhere else the keyspace is
 * streamed from every backed-up node. Ranges are compared, not tokens: a cluster whose keyspace replicates to every
 * node imports whatever its tokens.
 */
final class LoadPaths {

    private final Map<String, Map<Integer, LoadPath>> paths;
    private final Map<String, String> reasons;

    private LoadPaths(Map<String, Map<Integer, LoadPath>> paths, Map<String, String> reasons) {
        this.paths = paths;
        this.reasons = reasons;
    }

    /**
     * @param source     the ring the snapshot was taken from, if the manifest records it
     * @param target     the target's ring, with the replication of the restored keyspaces that exist there
     * @param backedUp   the node indices the snapshot holds
     */
    static LoadPaths decide(Optional<Topology> source, Topology target, RestoreSelection selection, DatacenterMapping datacenters,
                            List<Integer> backedUp) {
        Map<String, Map<Integer, LoadPath>> paths = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (RestoreSelection.Keyspace keyspace : selection.keyspaces()) {
            Map<Integer, LoadPath> byNode = new LinkedHashMap<>();
            String reason = source.map(ring -> decide(ring, target, keyspace, datacenters, backedUp, byNode))
                    .orElse("the snapshot records no ring (taken before manifest format 4)");
            backedUp.forEach(node -> byNode.putIfAbsent(node, LoadPath.STREAM));
            paths.put(keyspace.name(), byNode);
            reasons.put(keyspace.name(), reason);
        }
        return new LoadPaths(paths, reasons);
    }

    LoadPath path(int backedUpNode, String keyspace) {
        return paths.get(keyspace).get(backedUpNode);
    }

    /** Why the keyspace goes in as it does, for the pre-flight's lines. */
    String reason(String keyspace) {
        return reasons.get(keyspace);
    }

    /** Fills {@code byNode} with the imports of the keyspace, if it can be imported, and says why it goes in as it does. */
    private static String decide(Topology source, Topology target, RestoreSelection.Keyspace keyspace, DatacenterMapping datacenters,
                                 List<Integer> backedUp, Map<Integer, LoadPath> byNode) {
        if (!source.partitioner().equals(target.partitioner())) {
            throw new PlanFailedException("the snapshot was taken with " + simple(source.partitioner()) + " and the target uses "
                    + simple(target.partitioner()) + ": SSTables do not move between partitioners");
        }
        Replication backedUpReplication = TargetReplication.backedUp(source, keyspace.name());
        Replication targetReplication = TargetReplication.of(source, target, keyspace, datacenters);
        Ring sourceRing = ring(source);
        Ring targetRing = ring(target);
        if (sourceRing.comparablePartitioner().isEmpty() || !backedUpReplication.placeable() || !targetReplication.placeable()) {
            boolean same = fingerprint(source, datacenters).equals(fingerprint(target, DatacenterMapping.NONE))
                    && targetReplication.equals(backedUpReplication.withDatacentersRenamed(datacenters.renames()));
            return same ? importAll(backedUp, byNode, "the target's ring is the backed-up ring")
                    : "its placement (" + backedUpReplication.strategyName() + ", " + simple(source.partitioner())
                    + ") cannot be compared and the rings differ";
        }
        Map<String, TokenRanges> before = ReplicaPlacement.replicatedRanges(sourceRing, backedUpReplication);
        Map<String, TokenRanges> after = ReplicaPlacement.replicatedRanges(targetRing, targetReplication);
        for (Topology.Member member : target.members()) {
            TokenRanges wanted = after.getOrDefault(member.hostId(), TokenRanges.none(sourceRing.comparablePartitioner().get()));
            if (wanted.isEmpty()) {
                continue;
            }
            Optional<Topology.Member> counterpart = member.index().flatMap(source::member);
            if (counterpart.isEmpty() || !backedUp.contains(member.index().get())) {
                byNode.clear();
                return member.describe() + " replicates it and no backed-up node of its index did";
            }
            if (!wanted.equals(before.get(counterpart.get().hostId()))) {
                byNode.clear();
                return member.describe() + " replicates other token ranges of it than backed-up node " + member.index().get() + " did";
            }
            byNode.put(member.index().get(), LoadPath.IMPORT);
        }
        return byNode.isEmpty() ? "no target node replicates it" : "every target node replicates the token ranges its backed-up node did";
    }

    private static String importAll(List<Integer> backedUp, Map<Integer, LoadPath> byNode, String reason) {
        backedUp.forEach(node -> byNode.put(node, LoadPath.IMPORT));
        return reason;
    }

    /** The nodes by index with their tokens, racks and data centres: what import needs where ranges cannot be computed. */
    private static Set<String> fingerprint(Topology topology, DatacenterMapping datacenters) {
        return topology.members().stream().map(member -> member.index().map(String::valueOf).orElse("?") + "|"
                + datacenters.target(member.datacenter()) + "|" + member.rack() + "|" + String.join(",", member.tokens()))
                .collect(Collectors.toSet());
    }

    /** The ring of a topology; members without tokens (joining) are not part of it yet. */
    static Ring ring(Topology topology) {
        return new Ring(topology.partitioner(), topology.members().stream().filter(member -> !member.tokens().isEmpty())
                .map(member -> new RingNode(member.hostId(), member.address(), member.datacenter(), member.rack(), member.tokens())).toList());
    }

    private static String simple(String partitioner) {
        return partitioner.substring(partitioner.lastIndexOf('.') + 1);
    }

    /** The keyspaces by path, for tests and notes. */
    Map<String, Map<Integer, LoadPath>> all() {
        Map<String, Map<Integer, LoadPath>> copy = new HashMap<>();
        paths.forEach((keyspace, byNode) -> copy.put(keyspace, Map.copyOf(byNode)));
        return copy;
    }
}
