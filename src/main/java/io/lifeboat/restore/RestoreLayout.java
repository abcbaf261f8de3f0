package io.lifeboat.restore;

import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.KeyspaceLoad;
import io.lifeboat.cluster.LoadPath;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.StreamTarget;
import io.lifeboat.kernel.Compression;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.manifest.NodeManifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Which target node stages and loads each backed-up node's part: the node of the same index when the part imports
 * (import moves SSTables into the node that holds them) or when there is one, else the target nodes in turn, since
 * a streamed part can be sent from anywhere. Every target node gets a request, so that every one is checked and
 * claimed, also one that only receives streamed rows.
 */
final class RestoreLayout {

    private RestoreLayout() {
    }

    /**
     * @param loads how each keyspace of a backed-up node goes in
     */
    static List<NodeRestore> of(Cluster target, List<NodeManifest> backedUp, RestoreSelection selection,
                                BiFunction<Integer, RestoreSelection.Keyspace, KeyspaceLoad> loads, Compression compression,
                                StreamTarget streamTo) {
        List<Node> nodes = target.nodes().stream().sorted(Comparator.comparingInt(Node::index)).toList();
        Map<Node, List<RestorePart>> parts = new LinkedHashMap<>();
        nodes.forEach(node -> parts.put(node, new ArrayList<>()));
        int turn = 0;
        for (NodeManifest snapshot : backedUp) {
            List<KeyspaceLoad> keyspaces = selection.keyspaces().stream().filter(keyspace -> snapshot.keyspaces().contains(keyspace.name()))
                    .map(keyspace -> loads.apply(snapshot.index(), keyspace)).toList();
            boolean anywhere = keyspaces.stream().allMatch(keyspace -> keyspace.path() == LoadPath.STREAM);
            Node stager = target.node(snapshot.index()).orElse(null);
            if (stager == null && !anywhere) {
                throw new PlanFailedException("cluster " + target.name() + " has no node " + snapshot.index() + ", which the snapshot holds ("
                        + backedUp.size() + " nodes)");
            }
            if (stager == null) {
                stager = nodes.get(turn++ % nodes.size());
            }
            parts.get(stager).add(new RestorePart(snapshot, keyspaces));
        }
        boolean streams = parts.values().stream().flatMap(List::stream).flatMap(part -> part.keyspaces().stream())
                .anyMatch(keyspace -> keyspace.path() == LoadPath.STREAM);
        List<NodeRestore> requests = new ArrayList<>();
        parts.forEach((node, nodeParts) -> requests.add(new NodeRestore(node, nodeParts, compression, selection.restoring(),
                streams ? streamTo : null)));
        return requests;
    }
}
