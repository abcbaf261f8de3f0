package io.lifeboat.backup;

import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;

/**
 * What a backup checks first, before it asks the nodes anything: the store is reachable and no complete
 * snapshot has the name. The body becomes a survey request for every node.
 */
final class BackupPreflight implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        SnapshotStore store = run.store();
        store.checkReachable();
        refuseIfComplete(run, store);
        exchange.getMessage().setBody(run.request().cluster().nodes().stream().map(NodeSurvey::new).toList());
    }

    static void refuseIfComplete(PlanRun run, SnapshotStore store) throws IOException {
        if (store.size(StoreLayout.manifestKey(run.snapshot())).isPresent()) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " already exists in " + store.location().describe()
                    + "; choose another SNAPSHOT_NAME");
        }
    }
}
