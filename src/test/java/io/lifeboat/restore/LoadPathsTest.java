package io.lifeboat.restore;

import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.cluster.LoadPath;
import io.lifeboat.cluster.Topology;
import io.lifeboat.kernel.BackupMode;
import io.lifeboat.kernel.DatacenterMapping;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.Renames;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.Strategy;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Import where every replica's target holds exactly what it held, streaming anywhere else. */
class LoadPathsTest {

    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";

    @Test
    void importsIntoTheSameRing() {
        Topology ring = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 2);

        assertEquals(Map.of(0, LoadPath.IMPORT, 1, LoadPath.IMPORT, 2, LoadPath.IMPORT), paths(ring, ring, 3));
    }

    @Test
    void streamsIntoARingWithOtherTokens() {
        Topology before = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 2);
        Topology after = ring("dc-east", List.of(List.of("-5000"), List.of("100"), List.of("7000")), 2);

        assertEquals(Map.of(0, LoadPath.STREAM, 1, LoadPath.STREAM, 2, LoadPath.STREAM), paths(before, after, 3));
    }

    @Test
    void importsWhateverTheTokensWhenEveryNodeReplicatesEverything() {
        Topology before = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 3);
        Topology after = ring("dc-east", List.of(List.of("-5000"), List.of("100"), List.of("7000")), 3);

        assertEquals(Map.of(0, LoadPath.IMPORT, 1, LoadPath.IMPORT, 2, LoadPath.IMPORT), paths(before, after, 3));
    }

    @Test
    void intoFewerNodesTheNodesWithoutATargetStream() {
        Topology before = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 3);
        Topology after = ring("dc-east", List.of(List.of("-5000"), List.of("100")), 3);

        assertEquals(Map.of(0, LoadPath.IMPORT, 1, LoadPath.IMPORT, 2, LoadPath.STREAM), paths(before, after, 3));
    }

    @Test
    void intoMoreNodesEverythingStreams() {
        Topology before = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 2);
        Topology after = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000"), List.of("3000"), List.of("-3000")), 2);

        assertEquals(Map.of(0, LoadPath.STREAM, 1, LoadPath.STREAM, 2, LoadPath.STREAM), paths(before, after, 3));
    }

    @Test
    void importsIntoTheSameTokensInARenamedDataCentre() {
        Topology before = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 2);
        Topology after = ring("dc-west", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 2);
        RestoreSelection selection = RestoreSelection.of(manifest(before, 3), request(DatacenterMapping.parse("dc-east=dc-west")), Set.of());

        TargetReplication.check(before, after, selection, DatacenterMapping.parse("dc-east=dc-west"));
        LoadPaths paths = LoadPaths.decide(Optional.of(before), after, selection, DatacenterMapping.parse("dc-east=dc-west"), List.of(0, 1, 2));

        assertEquals(Map.of(0, LoadPath.IMPORT, 1, LoadPath.IMPORT, 2, LoadPath.IMPORT), paths.all().get("shop"));
    }

    @Test
    void refusesADataCentreTheTargetLacks() {
        Topology before = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 2);
        Topology after = ring("dc-west", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 2);
        RestoreSelection selection = RestoreSelection.of(manifest(before, 3), request(DatacenterMapping.NONE), Set.of());

        PlanFailedException refused = assertThrows(PlanFailedException.class,
                () -> TargetReplication.check(before, after, selection, DatacenterMapping.NONE));
        assertEquals("keyspace shop replicates to data centre dc-east, which the target lacks (it has dc-west); map it with"
                + " DATACENTERS=dc-east=<target data centre>", refused.getMessage());
    }

    @Test
    void eachRangeHasOneDesignatedSenderOfItsRepairedData() {
        Topology ring = ring("dc-east", List.of(List.of("-6000"), List.of("0"), List.of("6000")), 2);
        Map<Integer, List<List<String>>> designated = RepairedRanges.designated(LoadPaths.ring(ring),
                TargetReplication.backedUp(ring, "shop"), Map.of(0, "host-0", 1, "host-1", 2, "host-2")).orElseThrow();

        // (6000, -6000] is on nodes 0 and 1, (-6000, 0] on 1 and 2, (0, 6000] on 2 and 0: the lowest index sends each.
        assertEquals(List.of(List.of("6000", "-6000"), List.of("0", "6000")), designated.get(0));
        assertEquals(List.of(List.of("-6000", "0")), designated.get(1));
        assertTrue(designated.get(2).isEmpty());
    }

    private static Map<Integer, LoadPath> paths(Topology before, Topology after, int nodes) {
        RestoreSelection selection = RestoreSelection.of(manifest(before, nodes), request(DatacenterMapping.NONE), Set.of());
        return LoadPaths.decide(Optional.of(before), after, selection, DatacenterMapping.NONE,
                IntStream.range(0, nodes).boxed().toList()).all().get("shop");
    }

    private static Topology ring(String datacenter, List<List<String>> tokens, int factor) {
        List<Topology.Member> members = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            members.add(new Topology.Member(Optional.of(i), datacenter + "-host-" + i, "127.0.0." + (i + 2), datacenter, "rack1",
                    tokens.get(i), "5.0.6", "127.0.0." + (i + 2), 9042, 7000));
        }
        if ("dc-east".equals(datacenter)) {
            members.replaceAll(member -> new Topology.Member(member.index(), "host-" + member.index().orElseThrow(), member.address(),
                    member.datacenter(), member.rack(), member.tokens(), member.cassandraVersion(), member.nativeAddress(), 9042, 7000));
        }
        return new Topology("org.apache.cassandra.dht.Murmur3Partitioner", members,
                Map.of("shop", Map.of("class", NTS, datacenter, String.valueOf(factor))));
    }

    private static Manifest manifest(Topology ring, int nodes) {
        List<NodeManifest> entries = IntStream.range(0, nodes).mapToObj(i -> new NodeManifest(i, "s/node-" + i + ".tar", 1, "a".repeat(64),
                List.of("shop"), new FileList.Stored("s/node-" + i + ".files.jsonl.gz", 1, "b".repeat(64)))).toList();
        return new Manifest(Manifest.RING_FORMAT_VERSION, "s", "prod", "cassandra", Instant.EPOCH, Instant.EPOCH, "serial", "none",
                List.of("shop"), null, entries, BackupMode.FULL, null, ring, Map.of("shop", List.of("orders")));
    }

    private static PlanRequest request(DatacenterMapping datacenters) {
        return new PlanRequest(Plan.RESTORE_LOCAL, new Cluster("target", ClusterType.CASSANDRA, List.of()), new SnapshotName("s"),
                KeyspaceFilter.parse(null, true), Strategy.SERIAL, null, null, null, 0, BackupMode.FULL, Optional.empty(), Renames.NONE,
                datacenters);
    }
}
