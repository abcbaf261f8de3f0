package io.lifeboat.ring;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicationTest {

    private static final Map<String, String> STORED_NTS = Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy",
            "dc-east", "2", "dc-west", "3");

    @Test
    void aStoredNetworkTopologyReplicationNamesItsDatacentresAndFactors() {
        Replication replication = Replication.parse(STORED_NTS);

        assertTrue(replication.placeable());
        assertEquals(Set.of("dc-east", "dc-west"), replication.datacenters());
        assertEquals(Map.of("dc-east", new ReplicationFactor(2, 0), "dc-west", new ReplicationFactor(3, 0)), replication.factorsByDatacenter());
    }

    @Test
    void theMapRoundTrips() {
        assertEquals(STORED_NTS, Replication.parse(STORED_NTS).toMap());
        Map<String, String> simple = Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2");
        assertEquals(simple, Replication.parse(simple).toMap());
        assertEquals("class", Replication.parse(STORED_NTS).toMap().keySet().iterator().next());
    }

    @Test
    void aSimpleClassNameMeansCassandrasOwnStrategy() {
        Replication replication = Replication.parse(Map.of("class", "SimpleStrategy", "replication_factor", "2"));

        assertEquals(Replication.SIMPLE, replication.strategyClass());
        assertEquals(new ReplicationFactor(2, 0), replication.simpleFactor());
        assertEquals(Set.of(), replication.datacenters());
        assertEquals(Replication.parse(Map.of("class", Replication.SIMPLE, "replication_factor", "2")), replication);
    }

    @Test
    void aTransientFactorCountsAllItsReplicas() {
        Replication replication = Replication.parse(Map.of("class", "NetworkTopologyStrategy", "dc1", "3/1"));

        ReplicationFactor factor = replication.factorsByDatacenter().get("dc1");
        assertEquals(3, factor.allReplicas());
        assertEquals(2, factor.fullReplicas());
        assertEquals("3/1", replication.toMap().get("dc1"));
    }

    @Test
    void strategiesLifeboatCannotPlaceSaySo() {
        Replication local = Replication.parse(Map.of("class", "org.apache.cassandra.locator.LocalStrategy"));
        Replication everywhere = Replication.parse(Map.of("class", "EverywhereStrategy"));

        assertFalse(local.placeable());
        assertFalse(everywhere.placeable());
        assertEquals("LocalStrategy", local.strategyName());
        assertEquals(Map.of("class", "org.apache.cassandra.locator.LocalStrategy"), local.toMap());
    }

    @Test
    void badReplicationsAreRefusedInOneLine() {
        assertRefused("replication has no 'class'", Map.of("dc1", "3"));
        assertRefused("SimpleStrategy needs a replication_factor (got {})", Map.of("class", "SimpleStrategy"));
        assertRefused("SimpleStrategy takes only replication_factor (got 'dc1')", Map.of("class", "SimpleStrategy", "replication_factor", "1",
                "dc1", "3"));
        assertRefused("replication_factor must be <replicas> or <replicas>/<transient> (got 'three')", Map.of("class", "SimpleStrategy",
                "replication_factor", "three"));
        assertRefused("NetworkTopologyStrategy needs a factor for at least one data centre", Map.of("class", "NetworkTopologyStrategy"));
        assertRefused("NetworkTopologyStrategy takes a factor per data centre, not a replication_factor", Map.of("class",
                "NetworkTopologyStrategy", "replication_factor", "3"));
        assertRefused("factor of data centre dc1: a replication factor cannot be negative (got -1)", Map.of("class",
                "NetworkTopologyStrategy", "dc1", "-1"));
        assertRefused("factor of data centre dc1: transient replicas must be zero, or fewer than all replicas (got 2/2)", Map.of("class",
                "NetworkTopologyStrategy", "dc1", "2/2"));
        assertRefused("factor of data centre dc1 must be <replicas> or <replicas>/<transient> (got '3/1/1')", Map.of("class",
                "NetworkTopologyStrategy", "dc1", "3/1/1"));
        assertThrows(IllegalArgumentException.class, () -> new Replication("LocalStrategy", Map.of("class", "SimpleStrategy")));
    }

    @Test
    void datacentresAreRenamedKeepingTheirFactors() {
        Replication renamed = Replication.parse(STORED_NTS).withDatacentersRenamed(Map.of("dc-east", "eu-1", "dc-north", "eu-2"));

        assertEquals(Map.of("class", Replication.NETWORK_TOPOLOGY, "eu-1", "2", "dc-west", "3"), renamed.toMap());
    }

    @Test
    void renamingTwoDatacentresOntoOneNameIsRefused() {
        Replication replication = Replication.parse(STORED_NTS);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> replication.withDatacentersRenamed(Map.of("dc-east", "dc-west")));
        assertEquals("renaming puts data centres dc-east and dc-west both at dc-west", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> replication.withDatacentersRenamed(Map.of("dc-east", "dc", "dc-west", "dc")));
    }

    @Test
    void swappingTwoDatacentresIsARenameLikeAnyOther() {
        Replication swapped = Replication.parse(STORED_NTS).withDatacentersRenamed(Map.of("dc-east", "dc-west", "dc-west", "dc-east"));

        assertEquals(Map.of("dc-east", new ReplicationFactor(3, 0), "dc-west", new ReplicationFactor(2, 0)), swapped.factorsByDatacenter());
    }

    @Test
    void onlyNetworkTopologyHasDatacentresToRename() {
        Replication simple = Replication.parse(Map.of("class", "SimpleStrategy", "replication_factor", "3"));

        assertSame(simple, simple.withDatacentersRenamed(Map.of("dc1", "dc2")));
    }

    private static void assertRefused(String message, Map<String, String> replication) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Replication.parse(replication));
        assertEquals(message, refused.getMessage());
    }
}
