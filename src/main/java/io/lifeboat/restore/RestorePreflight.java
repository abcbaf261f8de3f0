package io.lifeboat.restore;

import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.FileTrees;
import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.KeyspaceFilter;
import io.lifeboat.plan.PlanFailedException;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a restore checks before it writes a byte: the snapshot is complete, the target cluster has
 * its nodes, and none of the keyspaces being restored exists on any target node.
 */
final class RestorePreflight implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        SnapshotStore store = run.store();
        store.checkReachable();
        String manifestKey = StoreLayout.manifestKey(run.snapshot());
        if (store.size(manifestKey).isEmpty()) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " not found or incomplete in " + store.location().describe());
        }
        Manifest manifest = ManifestCodec.read(store.read(manifestKey));
        Cluster cluster = run.request().cluster();
        KeyspaceFilter filter = run.request().keyspaces();

        List<String> unknown = filter.missingFrom(manifest.keyspaces());
        if (!unknown.isEmpty()) {
            throw new PlanFailedException("keyspace " + String.join(", ", unknown) + " is not in snapshot " + run.snapshot()
                    + " (it holds " + String.join(", ", manifest.keyspaces()) + ")");
        }
        Set<String> restoring = new TreeSet<>();
        for (NodeManifest nodeManifest : manifest.nodes()) {
            Node node = cluster.node(nodeManifest.index()).orElseThrow(() -> new PlanFailedException("cluster " + cluster.name()
                    + " has no node " + nodeManifest.index() + ", which snapshot " + run.snapshot() + " holds ("
                    + manifest.nodes().size() + " nodes)"));
            List<String> keyspaces = nodeManifest.keyspaces().stream().filter(filter::selects).toList();
            restoring.addAll(keyspaces);
            run.assignKeyspaces(node, keyspaces);
            run.progress().node(node.index()).expect(nodeManifest.dataBytes());
        }
        refuseExistingKeyspaces(cluster, restoring);
        for (Node node : run.nodes()) {
            FileTrees.deleteIfExists(Staging.of(run, node));
        }
        run.setManifest(manifest);
    }

    private static void refuseExistingKeyspaces(Cluster cluster, Set<String> restoring) {
        for (Node node : cluster.nodes()) {
            for (String keyspace : restoring) {
                Path existing = node.dataDir().resolve(keyspace);
                if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PlanFailedException("keyspace " + keyspace + " already exists on " + node + " (" + existing
                            + "); drop or move it before restoring");
                }
            }
        }
    }
}
