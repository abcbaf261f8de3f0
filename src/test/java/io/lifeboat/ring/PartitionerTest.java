package io.lifeboat.ring;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionerTest {

    @Test
    void murmur3AndRandomAreKnownByFullOrSimpleClassName() {
        assertEquals(Optional.of(Partitioner.MURMUR3), Partitioner.of("org.apache.cassandra.dht.Murmur3Partitioner"));
        assertEquals(Optional.of(Partitioner.MURMUR3), Partitioner.of("Murmur3Partitioner"));
        assertEquals(Optional.of(Partitioner.RANDOM), Partitioner.of("org.apache.cassandra.dht.RandomPartitioner"));
        assertEquals(Optional.of(Partitioner.RANDOM), Partitioner.of("RandomPartitioner"));
    }

    @Test
    void orderPreservingPartitionersAreNotComparable() {
        assertEquals(Optional.empty(), Partitioner.of("org.apache.cassandra.dht.ByteOrderedPartitioner"));
        assertEquals(Optional.empty(), Partitioner.of("OrderPreservingPartitioner"));
        assertEquals(Optional.empty(), Partitioner.of("com.example.MyPartitioner"));
    }

    @Test
    void theMinimumTokenIsBelowEveryKeyToken() {
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE), Partitioner.MURMUR3.minimum());
        assertEquals(BigInteger.valueOf(-1), Partitioner.RANDOM.minimum());
        assertEquals(BigInteger.TWO.pow(127), Partitioner.RANDOM.maximum());
    }

    @Test
    void nodeTokensAreCheckedAsCassandraChecksThem() {
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE), Partitioner.MURMUR3.nodeToken("-9223372036854775808"));
        assertEquals(BigInteger.TWO.pow(127), Partitioner.RANDOM.nodeToken("170141183460469231731687303715884105728"));
        assertThrows(IllegalArgumentException.class, () -> Partitioner.MURMUR3.nodeToken("9223372036854775808"));
        assertThrows(IllegalArgumentException.class, () -> Partitioner.MURMUR3.nodeToken("12ab"));
        assertThrows(IllegalArgumentException.class, () -> Partitioner.RANDOM.nodeToken("-1"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Partitioner.RANDOM.nodeToken("x"));
        assertEquals("'x' is not a RandomPartitioner token (an integer from 0 to 170141183460469231731687303715884105728)", refused.getMessage());
    }

    @Test
    void theSpaceHoldsTheMinimumButNothingOutside() {
        assertTrue(Partitioner.RANDOM.holds(BigInteger.valueOf(-1)));
        assertFalse(Partitioner.RANDOM.holds(BigInteger.valueOf(-2)));
        assertFalse(Partitioner.MURMUR3.holds(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)));
    }
}
