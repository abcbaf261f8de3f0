package io.lifeboat.ring;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.lifeboat.ring.TestRings.MIN;
import static io.lifeboat.ring.TestRings.murmur3;
import static io.lifeboat.ring.TestRings.networkTopology;
import static io.lifeboat.ring.TestRings.node;
import static io.lifeboat.ring.TestRings.range;
import static io.lifeboat.ring.TestRings.ranges;
import static io.lifeboat.ring.TestRings.simple;
import static io.lifeboat.ring.TestRings.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaPlacementTest {

    // a owns (100, -100] (the range that wraps), b owns (-100, 0], c owns (0, 100]
    private final Ring threeNodes = murmur3(node("a", "dc1", "r1", -100), node("b", "dc1", "r1", 0), node("c", "dc1", "r1", 100));

    @Test
    void withOneReplicaEachNodeHoldsTheRangeEndingAtItsToken() {
        Map<String, TokenRanges> placed = ReplicaPlacement.replicatedRanges(threeNodes, simple(1));

        assertEquals(ranges(range(100, -100)), placed.get("a"));
        assertEquals(ranges(range(-100, 0)), placed.get("b"));
        assertEquals(ranges(range(0, 100)), placed.get("c"));
        assertEquals(List.of("a", "b", "c"), List.copyOf(placed.keySet()));
    }

    @Test
    void withTwoReplicasEachNodeAlsoHoldsThePrecedingRange() {
        Map<String, TokenRanges> placed = ReplicaPlacement.replicatedRanges(threeNodes, simple(2));

        assertEquals(ranges(range(0, -100)), placed.get("a"));
        assertEquals(ranges(range(100, 0)), placed.get("b"));
        assertEquals(ranges(range(-100, 100)), placed.get("c"));
        assertEquals("[(-9223372036854775808,-100], (0,-9223372036854775808]]", placed.get("a").toString());
    }

    @Test
    void withThreeReplicasOnThreeNodesEveryNodeHoldsTheWholeRing() {
        ReplicaPlacement.replicatedRanges(threeNodes, simple(3)).values().forEach(held -> assertTrue(held.coversWholeRing(), held.toString()));
    }

    @Test
    void theReplicasOfATokenFollowTheRingFromTheRangeHoldingIt() {
        assertEquals(List.of("c", "a"), ReplicaPlacement.replicasOf(threeNodes, simple(2), token(50)));
        assertEquals(List.of("c", "a"), ReplicaPlacement.replicasOf(threeNodes, simple(2), token(100)));
        // past the last token the ring wraps to the first
        assertEquals(List.of("a", "b"), ReplicaPlacement.replicasOf(threeNodes, simple(2), token(101)));
        assertEquals(List.of("a", "b"), ReplicaPlacement.replicasOf(threeNodes, simple(2), MIN));
        assertEquals(List.of("a", "b", "c"), ReplicaPlacement.replicasOf(threeNodes, simple(3), token(Long.MAX_VALUE)));
    }

    @Test
    void eachDatacentreReplicatesTheWholeRingByItsOwnFactor() {
        Ring ring = murmur3(node("e1", "east", "r1", 0), node("w1", "west", "r1", 100), node("e2", "east", "r1", 200),
                node("w2", "west", "r1", 300));

        Map<String, TokenRanges> placed = ReplicaPlacement.replicatedRanges(ring, networkTopology("east", "1", "west", "1"));

        assertEquals(ranges(range(200, 0)), placed.get("e1"));
        assertEquals(ranges(range(0, 200)), placed.get("e2"));
        assertEquals(ranges(range(300, 100)), placed.get("w1"));
        assertEquals(ranges(range(100, 300)), placed.get("w2"));
        assertEquals(List.of("w1", "e2"), ReplicaPlacement.replicasOf(ring, networkTopology("east", "1", "west", "1"), token(50)));
    }

    @Test
    void replicasGoToRacksNotYetUsedBeforeTheNextNodeOnTheRing() {
        Ring ring = murmur3(node("n1", "dc1", "r1", 0), node("n2", "dc1", "r1", 100), node("n3", "dc1", "r2", 200),
                node("n4", "dc1", "r2", 300));

        assertEquals(List.of("n1", "n2"), ReplicaPlacement.replicasOf(ring, simple(2), token(-50)));
        assertEquals(List.of("n1", "n3"), ReplicaPlacement.replicasOf(ring, networkTopology("dc1", "2"), token(-50)));
        Map<String, TokenRanges> placed = ReplicaPlacement.replicatedRanges(ring, networkTopology("dc1", "2"));
        assertEquals(ranges(range(100, 0)), placed.get("n1"));
        assertEquals(ranges(range(0, 100)), placed.get("n2"));
        assertEquals(ranges(range(300, 200)), placed.get("n3"));
        assertEquals(ranges(range(200, 300)), placed.get("n4"));
    }

    @Test
    void withFewerRacksThanReplicasTheFirstRepeatsMetFillTheFactor() {
        Ring ring = murmur3(node("n1", "dc1", "r1", 0), node("n2", "dc1", "r1", 100), node("n3", "dc1", "r1", 200),
                node("n4", "dc1", "r2", 300));

        // one repeat of a rack is allowed (3 replicas, 2 racks): n2 takes it, so n3 (r1 again) is passed over for n4 (r2)
        assertEquals(List.of("n1", "n2", "n4"), ReplicaPlacement.replicasOf(ring, networkTopology("dc1", "3"), token(-50)));
        assertEquals(List.of("n1", "n2", "n3"), ReplicaPlacement.replicasOf(ring, simple(3), token(-50)));
    }

    @Test
    void aDatacentreWithFewerNodesThanItsFactorReplicatesEverythingOnEachNode() {
        Ring ring = murmur3(node("e1", "east", "r1", 0), node("e2", "east", "r1", 200), node("w1", "west", "r1", 100),
                node("w2", "west", "r1", 300));

        Map<String, TokenRanges> placed = ReplicaPlacement.replicatedRanges(ring, networkTopology("east", "3", "west", "1"));

        assertTrue(placed.get("e1").coversWholeRing());
        assertTrue(placed.get("e2").coversWholeRing());
        assertEquals(ranges(range(300, 100)), placed.get("w1"));
        assertEquals(List.of("e1", "w1", "e2"), ReplicaPlacement.replicasOf(ring, networkTopology("east", "3", "west", "1"), token(-1)));
    }

    @Test
    void aDatacentreAbsentFromTheRingPlacesNothingAndOneLeftOutHoldsNothing() {
        Ring ring = murmur3(node("e1", "east", "r1", 0), node("w1", "west", "r1", 100));

        Map<String, TokenRanges> placed = ReplicaPlacement.replicatedRanges(ring, networkTopology("east", "1", "north", "3"));

        assertTrue(placed.get("e1").coversWholeRing());
        assertTrue(placed.get("w1").isEmpty());
        assertEquals(List.of("e1"), ReplicaPlacement.replicasOf(ring, networkTopology("east", "1", "north", "3"), token(50)));
    }

    @Test
    void asManyReplicasAsNodesPutsTheWholeRingOnEveryNodeWhateverTheTokens() {
        Ring vnodes = murmur3(node("a", "dc1", "r1", -500, 17, 9000), node("b", "dc1", "r2", -3, 4, 5), node("c", "dc1", "r3", Long.MIN_VALUE, 77));

        for (Replication replication : List.of(simple(3), simple(5), networkTopology("dc1", "3"), networkTopology("dc1", "4/1"))) {
            ReplicaPlacement.replicatedRanges(vnodes, replication).forEach((host, held) -> assertTrue(held.coversWholeRing(), host + " " + held));
        }
    }

    @Test
    void twoTokenLayoutsGivingANodeTheSameCoverageCompareEqual() {
        Ring oneToken = murmur3(node("a", "dc1", "r1", 100), node("b", "dc1", "r1", 0));
        Ring twoTokens = murmur3(node("a", "dc1", "r1", 50, 100), node("b", "dc1", "r1", 0), node("c", "dc1", "r1", 500));

        TokenRanges before = ReplicaPlacement.replicatedRanges(oneToken, simple(1)).get("a");
        TokenRanges after = ReplicaPlacement.replicatedRanges(twoTokens, simple(1)).get("a");

        assertEquals(before, after);
        assertEquals(ranges(range(0, 100)), after);
    }

    @Test
    void aRandomPartitionerRingWrapsAtItsMinimumOfMinusOne() {
        BigInteger half = BigInteger.TWO.pow(126);
        Ring ring = new Ring("org.apache.cassandra.dht.RandomPartitioner", List.of(new RingNode("a", "10.0.0.1", "dc1", "r1", List.of("0")),
                new RingNode("b", "10.0.0.2", "dc1", "r1", List.of(half.toString()))));

        Map<String, TokenRanges> placed = ReplicaPlacement.replicatedRanges(ring, simple(1));

        assertEquals(TokenRanges.of(Partitioner.RANDOM, List.of(new TokenRange(half, BigInteger.ZERO))), placed.get("a"));
        assertEquals("[(-1,0], (85070591730234615865843651857942052864,-1]]", placed.get("a").toString());
        assertEquals("[(0,85070591730234615865843651857942052864]]", placed.get("b").toString());
        assertTrue(placed.get("a").contains(BigInteger.TWO.pow(127)));
        assertEquals(List.of("a"), ReplicaPlacement.replicasOf(ring, simple(1), BigInteger.TWO.pow(127)));
    }

    @Test
    void aSingleTokenRingPutsEverythingOnItsNode() {
        Map<String, TokenRanges> placed = ReplicaPlacement.replicatedRanges(murmur3(node("a", "dc1", "r1", 42)), simple(1));

        assertEquals(TokenRanges.wholeRing(Partitioner.MURMUR3), placed.get("a"));
    }

    @Test
    void aFactorOfZeroPlacesNothing() {
        ReplicaPlacement.replicatedRanges(threeNodes, simple(0)).values().forEach(held -> assertTrue(held.isEmpty()));
        assertEquals(List.of(), ReplicaPlacement.replicasOf(threeNodes, networkTopology("dc1", "0"), token(1)));
    }

    @Test
    void ringsAndStrategiesLifeboatCannotPlaceAreRefused() {
        Ring byteOrdered = new Ring("ByteOrderedPartitioner", List.of(new RingNode("a", "10.0.0.1", "dc1", "r1", List.of("ff"))));
        Replication local = Replication.parse(Map.of("class", "LocalStrategy"));

        assertThrows(IllegalArgumentException.class, () -> ReplicaPlacement.replicatedRanges(byteOrdered, simple(1)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ReplicaPlacement.replicatedRanges(threeNodes, local));
        assertEquals("cannot place replicas for LocalStrategy: only SimpleStrategy and NetworkTopologyStrategy are computed", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplicaPlacement.replicasOf(threeNodes, simple(1), BigInteger.TWO.pow(64)));
    }
}
