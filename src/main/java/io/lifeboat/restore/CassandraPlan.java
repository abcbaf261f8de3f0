package io.lifeboat.restore;

import io.lifeboat.cluster.KeyspaceLoad;
import io.lifeboat.cluster.LoadPath;
import io.lifeboat.cluster.StreamTarget;
import io.lifeboat.cluster.Topology;
import io.lifeboat.kernel.DatacenterMapping;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.ring.Replication;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a Cassandra snapshot goes into its target, decided before anything is written: the target answers on every
 * node and agrees on its schema; the keyspaces and tables restored and their names; the data centres their
 * replication needs; and, per keyspace and backed-up node, import or streaming ({@link LoadPaths}), with the ranges
 * each streaming node sends repaired data for ({@link RepairedRanges}).
 */
final class CassandraPlan {

    private final Manifest manifest;
    private final Topology target;
    private final RestoreSelection selection;
    private final LoadPaths paths;
    private final Map<String, Optional<Map<Integer, List<List<String>>>>> repaired;
    private final DatacenterMapping datacenters;

    private CassandraPlan(Manifest manifest, Topology target, RestoreSelection selection, LoadPaths paths,
                          Map<String, Optional<Map<Integer, List<List<String>>>>> repaired, DatacenterMapping datacenters) {
        this.manifest = manifest;
        this.target = target;
        this.selection = selection;
        this.paths = paths;
        this.repaired = repaired;
        this.datacenters = datacenters;
    }

    static CassandraPlan of(PlanRun run, Manifest manifest, Duration schemaAgreement) throws IOException {
        run.cluster().awaitSchemaAgreement(schemaAgreement);
        Set<String> targets = new LinkedHashSet<>();
        manifest.keyspaces().forEach(keyspace -> targets.add(run.request().renames().keyspace(keyspace)));
        Topology target = run.cluster().topology(targets).orElseThrow(
                () -> new IllegalStateException("a Cassandra cluster has a ring"));
        RestoreSelection selection = RestoreSelection.of(manifest, run.request(), target.replication().keySet());
        manifest.topology().ifPresent(source -> TargetReplication.check(source, target, selection, run.request().datacenters()));
        List<Integer> backedUp = manifest.nodes().stream().map(NodeManifest::index).toList();
        LoadPaths paths = LoadPaths.decide(manifest.topology(), target, selection, run.request().datacenters(), backedUp);
        Map<String, Optional<Map<Integer, List<List<String>>>>> repaired = new HashMap<>();
        for (RestoreSelection.Keyspace keyspace : selection.keyspaces()) {
            repaired.put(keyspace.name(), manifest.topology().flatMap(source -> RepairedRanges.designated(LoadPaths.ring(source),
                    TargetReplication.backedUp(source, keyspace.name()), hostIds(source, backedUp))));
        }
        return new CassandraPlan(manifest, target, selection, paths, repaired, run.request().datacenters());
    }

    private static Map<Integer, String> hostIds(Topology source, List<Integer> backedUp) {
        Map<Integer, String> hostIds = new HashMap<>();
        backedUp.forEach(index -> source.member(index).ifPresent(member -> hostIds.put(index, member.hostId())));
        return hostIds;
    }

    RestoreSelection selection() {
        return selection;
    }

    /** How a keyspace of a backed-up node goes in: its path, and for streaming the ranges it sends repaired data for. */
    KeyspaceLoad load(int backedUpNode, RestoreSelection.Keyspace keyspace) {
        LoadPath path = paths.path(backedUpNode, keyspace.name());
        List<List<String>> repairedRanges = path == LoadPath.STREAM
                ? repaired.get(keyspace.name()).map(byNode -> byNode.getOrDefault(backedUpNode, List.of())).orElse(null) : null;
        return new KeyspaceLoad(keyspace.name(), keyspace.target(), path, keyspace.renamedTables(), repairedRanges);
    }

    /** Where streamed SSTables go: every node of the target ring as a contact point. */
    StreamTarget streamTarget() {
        List<String> hosts = target.members().stream().map(member -> member.nativeAddress() + ":" + member.nativePort()).toList();
        int storagePort = target.members().stream().mapToInt(Topology.Member::storagePort).findFirst()
                .orElseThrow(() -> new PlanFailedException("the target ring has no node"));
        return new StreamTarget(hosts, storagePort);
    }

    /** The pre-flight's lines: the rings, each keyspace's path and why, and what each target node takes. */
    List<String> notes(List<NodeRestore> requests) {
        List<String> notes = new ArrayList<>();
        notes.add("restore of snapshot " + manifest.snapshot() + " (" + manifest.nodes().size() + " nodes"
                + manifest.topology().map(ring -> ", ring of " + ring.members().size() + " in " + String.join(", ", ring.datacenters()))
                .orElse("") + ") into a ring of " + target.members().size() + " in " + String.join(", ", target.datacenters()) + ":");
        for (RestoreSelection.Keyspace keyspace : selection.keyspaces()) {
            Set<LoadPath> used = paths.all().get(keyspace.name()).values().stream().collect(Collectors.toSet());
            String how = used.size() == 1 ? used.iterator().next().label() : "import where it can, streaming from the others";
            notes.add("  " + describe(keyspace) + ": " + how + ": " + paths.reason(keyspace.name()) + replication(keyspace));
        }
        for (NodeRestore request : requests) {
            notes.add("  " + request.node() + " " + (request.parts().isEmpty() ? "stages nothing (it receives streamed rows)"
                    : "stages " + String.join(", ", request.parts().stream().map(CassandraPlan::describe).toList())));
        }
        return notes;
    }

    private static String describe(RestorePart part) {
        return "backed-up node " + part.snapshot().index() + " (" + String.join(", ", part.keyspaces().stream()
                .map(keyspace -> keyspace.keyspace() + " by " + keyspace.path().label()).toList()) + ")";
    }

    private static String describe(RestoreSelection.Keyspace keyspace) {
        String name = keyspace.whole() ? keyspace.name() : keyspace.name() + " (" + String.join(", ", keyspace.tables()) + ")";
        return keyspace.target().equals(keyspace.name()) ? name : name + " as " + keyspace.target();
    }

    private String replication(RestoreSelection.Keyspace keyspace) {
        if (manifest.topology().isEmpty()) {
            return "";
        }
        Replication replication = TargetReplication.of(manifest.topology().get(), target, keyspace, datacenters);
        return " [" + replication.strategyName() + " " + String.join(", ", replication.options().entrySet().stream()
                .map(option -> option.getKey() + "=" + option.getValue()).toList()) + "]";
    }
}
