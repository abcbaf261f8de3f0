package io.lifeboat.ring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.lifeboat.ring.TestRings.murmur3;
import static io.lifeboat.ring.TestRings.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RingTest {

    private final Ring ring = murmur3(node("a", "east", "r1", -100, 500), node("b", "east", "r2", 0), node("c", "west", "r1", 100));

    @Test
    void theRingAnswersWhoIsWhere() {
        assertEquals(Optional.of(Partitioner.MURMUR3), ring.comparablePartitioner());
        assertEquals(Set.of("east", "west"), ring.datacenters());
        assertEquals(List.of("a", "b"), ring.nodesIn("east").stream().map(RingNode::hostId).toList());
        assertEquals(Set.of("r1", "r2"), ring.racksIn("east"));
        assertEquals("c", ring.node("c").orElseThrow().hostId());
        assertEquals(Optional.empty(), ring.node("z"));
        assertEquals(4, ring.tokenCount());
    }

    @Test
    void aTokenOwnedTwiceIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> murmur3(node("a", "east", "r1", 7), node("b", "east", "r1", 7)));
        assertEquals("token 7 is owned by both a and b", refused.getMessage());
    }

    @Test
    void tokensOfAKnownPartitionerAreComparedAsNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new Ring("Murmur3Partitioner",
                List.of(new RingNode("a", "10.0.0.1", "dc", "r", List.of("0")), new RingNode("b", "10.0.0.2", "dc", "r", List.of("-0")))));
    }

    @Test
    void tokensOfAnotherPartitionerAreComparedAsText() {
        Ring byteOrdered = new Ring("org.apache.cassandra.dht.ByteOrderedPartitioner",
                List.of(new RingNode("a", "10.0.0.1", "dc", "r", List.of("6b6579")), new RingNode("b", "10.0.0.2", "dc", "r", List.of("ff"))));

        assertEquals(Optional.empty(), byteOrdered.comparablePartitioner());
        assertThrows(IllegalArgumentException.class, () -> new Ring("ByteOrderedPartitioner",
                List.of(new RingNode("a", "10.0.0.1", "dc", "r", List.of("ff")), new RingNode("b", "10.0.0.2", "dc", "r", List.of("ff")))));
    }

    @Test
    void malformedRingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> murmur3());
        assertThrows(IllegalArgumentException.class, () -> murmur3(node("a", "east", "r1", 1), node("a", "east", "r1", 2)));
        assertThrows(IllegalArgumentException.class, () -> new Ring(" ", List.of(node("a", "east", "r1", 1))));
        assertThrows(IllegalArgumentException.class, () -> new RingNode("a", "10.0.0.1", "east", "r1", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RingNode("a", "10.0.0.1", "", "r1", List.of("1")));
        assertThrows(IllegalArgumentException.class, () -> new RingNode("a", "10.0.0.1", "east", "r1", List.of("1", "1")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new Ring("Murmur3Partitioner", List.of(new RingNode("a", "10.0.0.1", "east", "r1", List.of("one")))));
        assertEquals("node a: 'one' is not a Murmur3Partitioner token (an integer from -9223372036854775808 to 9223372036854775807)",
                refused.getMessage());
    }
}
