package io.lifeboat.ring;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small rings and replications written out by hand for the ring tests. */
final class TestRings {

    static final String MURMUR3 = "org.apache.cassandra.dht.Murmur3Partitioner";
    static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private TestRings() {
    }

    static RingNode node(String hostId, String datacenter, String rack, long... tokens) {
        List<String> text = Arrays.stream(tokens).mapToObj(Long::toString).toList();
        return new RingNode(hostId, hostId + ".ring.test", datacenter, rack, text);
    }

    static Ring murmur3(RingNode... nodes) {
        return new Ring(MURMUR3, List.of(nodes));
    }

    static Replication simple(int factor) {
        return Replication.parse(Map.of("class", "SimpleStrategy", "replication_factor", Integer.toString(factor)));
    }

    static Replication networkTopology(String... datacenterFactorPairs) {
        Map<String, String> replication = new HashMap<>();
        replication.put("class", "NetworkTopologyStrategy");
        for (int i = 0; i < datacenterFactorPairs.length; i += 2) {
            replication.put(datacenterFactorPairs[i], datacenterFactorPairs[i + 1]);
        }
        return Replication.parse(replication);
    }

    static TokenRanges ranges(TokenRange... ranges) {
        return TokenRanges.of(Partitioner.MURMUR3, List.of(ranges));
    }

    static TokenRange range(long start, long end) {
        return TokenRange.of(start, end);
    }

    static BigInteger token(long token) {
        return BigInteger.valueOf(token);
    }
}
