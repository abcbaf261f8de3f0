package io.lifeboat.ring;

import java.math.BigInteger;
import java.util.List;

/** A replication strategy's {@code calculateNaturalReplicas}: the nodes holding the range a token falls in, in Cassandra's order. */
interface PlacementRule {

    List<RingNode> naturalReplicas(SortedTokens ring, BigInteger search);
}
