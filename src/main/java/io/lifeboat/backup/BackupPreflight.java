package io.lifeboat.backup;

import io.lifeboat.claim.ClaimTakenException;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.Keyspaces;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.Strategy;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import io.lifeboat.store.StoredObject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a backup checks before it writes: the store is reachable, the snapshot name is free and now
 * claimed by this run alone, every node's data is there and the keyspaces asked for exist. What an earlier
 * failed run left under the name (objects without a manifest, unfinished uploads) goes. The body becomes the
 * nodes' requests.
 */
final class BackupPreflight implements Processor {

    private final LifeboatSettings settings;

    BackupPreflight(LifeboatSettings settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        SnapshotStore store = run.store();
        store.checkReachable();
        refuseIfComplete(run, store);
        List<NodeBackup> nodes = nodeRequests(run);
        claim(run, store);
        // A run that completed between the first look and the claim.
        refuseIfComplete(run, store);
        removeLeftovers(run, store);
        exchange.getMessage().setBody(nodes);
    }

    private static void refuseIfComplete(PlanRun run, SnapshotStore store) throws IOException {
        if (store.size(StoreLayout.manifestKey(run.snapshot())).isPresent()) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " already exists in " + store.location().describe()
                    + "; choose another SNAPSHOT_NAME");
        }
    }

    private List<NodeBackup> nodeRequests(PlanRun run) throws IOException {
        KeyspaceFilter filter = run.request().keyspaces();
        List<Node> nodes = run.request().cluster().nodes();
        int compressionThreads = compressionThreads(run, nodes.size());
        List<NodeBackup> requests = new ArrayList<>();
        for (Node node : nodes) {
            List<String> keyspaces = run.cluster().keyspaces(node).stream().filter(filter::selects).toList();
            requests.add(new NodeBackup(node, keyspaces, compressionThreads));
            run.progress().node(node.index()).expect(run.cluster().dataBytes(node, keyspaces));
        }
        List<String> found = Keyspaces.union(requests.stream().map(NodeBackup::keyspaces));
        List<String> missing = filter.missingFrom(found);
        if (!missing.isEmpty()) {
            throw new PlanFailedException("keyspace " + String.join(", ", missing) + " is on no node of cluster "
                    + run.request().cluster().name());
        }
        if (found.isEmpty()) {
            throw new PlanFailedException("cluster " + run.request().cluster().name() + " has no keyspace to back up");
        }
        return requests;
    }

    /** Nodes archived at once share the compression threads. */
    private int compressionThreads(PlanRun run, int nodes) {
        int nodesAtOnce = run.request().strategy() == Strategy.PARALLEL ? Math.min(settings.parallelism(), nodes) : 1;
        return Math.max(1, settings.compressionThreads() / Math.max(1, nodesAtOnce));
    }

    private static void claim(PlanRun run, SnapshotStore store) throws IOException {
        try {
            run.holdClaim(store.claim(StoreLayout.claimKey(run.snapshot()), run.owner()));
        } catch (ClaimTakenException e) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " is being written by another "
                    + e.holder().map(holder -> holder.describe()).orElse("run") + " in " + store.location().describe()
                    + "; wait for it or choose another SNAPSHOT_NAME", e);
        }
    }

    /** Holding the claim, every object under the name but the claim is an earlier failed run's. */
    private static void removeLeftovers(PlanRun run, SnapshotStore store) throws IOException {
        String claimKey = StoreLayout.claimKey(run.snapshot());
        for (StoredObject leftover : store.list(StoreLayout.prefix(run.snapshot()))) {
            if (!leftover.key().equals(claimKey)) {
                store.delete(leftover.key());
            }
        }
        store.abandonUnfinished(StoreLayout.prefix(run.snapshot()));
    }
}
