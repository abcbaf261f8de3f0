package io.lifeboat.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** SimpleStrategy.calculateNaturalReplicas: the first distinct owners met walking the ring from the token, racks ignored. */
final class SimplePlacement implements PlacementRule {

    private final int replicas;

    SimplePlacement(ReplicationFactor factor) {
        this.replicas = factor.allReplicas();
    }

    @Override
    public List<RingNode> naturalReplicas(SortedTokens ring, BigInteger search) {
        List<RingNode> found = new ArrayList<>(replicas);
        for (BigInteger token : ring.walkFrom(search)) {
            if (found.size() >= replicas) {
                break;
            }
            RingNode owner = ring.ownerOf(token);
            if (!found.contains(owner)) {
                found.add(owner);
            }
        }
        return found;
    }
}
