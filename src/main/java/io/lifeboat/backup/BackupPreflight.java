package io.lifeboat.backup;

import io.lifeboat.cluster.Node;
import io.lifeboat.plan.KeyspaceFilter;
import io.lifeboat.plan.PlanFailedException;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import io.lifeboat.store.StoredObject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a backup checks before it writes: the store is reachable, the snapshot name is free, every
 * node's data is there and the keyspaces asked for exist. Objects of an earlier failed run (no manifest) go.
 */
final class BackupPreflight implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        SnapshotStore store = run.store();
        store.checkReachable();
        if (store.size(StoreLayout.manifestKey(run.snapshot())).isPresent()) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " already exists in " + store.location().describe()
                    + "; choose another SNAPSHOT_NAME");
        }
        assignKeyspaces(run);
        removeLeftovers(run, store);
    }

    private static void assignKeyspaces(PlanRun run) throws Exception {
        KeyspaceFilter filter = run.request().keyspaces();
        Set<String> found = new TreeSet<>();
        for (Node node : run.request().cluster().nodes()) {
            List<String> keyspaces = run.cluster().keyspaces(node).stream().filter(filter::selects).toList();
            found.addAll(keyspaces);
            run.assignKeyspaces(node, keyspaces);
            run.progress().node(node.index()).expect(run.cluster().dataBytes(node, keyspaces));
        }
        List<String> missing = filter.missingFrom(found);
        if (!missing.isEmpty()) {
            throw new PlanFailedException("keyspace " + String.join(", ", missing) + " is on no node of cluster "
                    + run.request().cluster().name());
        }
        if (found.isEmpty()) {
            throw new PlanFailedException("cluster " + run.request().cluster().name() + " has no keyspace to back up");
        }
    }

    private static void removeLeftovers(PlanRun run, SnapshotStore store) throws Exception {
        for (StoredObject leftover : store.list(StoreLayout.prefix(run.snapshot()))) {
            store.delete(leftover.key());
        }
    }
}
