package io.lifeboat.backup;

import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import io.lifeboat.store.StoredObject;

import java.io.IOException;

/** What lies in the store under the run's snapshot name besides the claim on it. */
final class UnderTheName {

    private UnderTheName() {
    }

    /**
     * Removes every object under the name but the claim, and what unfinished uploads left there: a failed run's
     * leftovers before a backup writes, or what a backup that failed wrote.
     */
    static void removeAllButTheClaim(PlanRun run) throws IOException {
        SnapshotStore store = run.store();
        String claimKey = StoreLayout.claimKey(run.snapshot());
        for (StoredObject object : store.list(StoreLayout.prefix(run.snapshot()))) {
            if (!object.key().equals(claimKey)) {
                store.delete(object.key());
            }
        }
        store.abandonUnfinished(StoreLayout.prefix(run.snapshot()));
    }
}
