package io.lifeboat.backup;

import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What lies in the store under the run's snapshot name besides the claim on it, and the files the run uploaded. */
final class UnderTheName {

    private static final DateTimeFormatter RUN_FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private UnderTheName() {
    }

    /** The folder of a differential run's files: the time it started, so that no other run writes there. */
    static String runFolder(PlanRun run) {
        return RUN_FOLDER.format(run.startedAt());
    }

    /**
     * Removes every object under the name but the claim, and what unfinished uploads left there: a failed run's
     * leftovers before a backup writes, or what a backup that failed wrote, the files it uploaded (differential)
     * included. An earlier run's files are not touched: a purge judges them, as a later snapshot may refer to them.
     */
    static void removeAllButTheClaim(PlanRun run) throws IOException {
        SnapshotStore store = run.store();
        String claimKey = StoreLayout.claimKey(run.snapshot());
        store.deleteWhere(StoreLayout.prefix(run.snapshot()), object -> !object.key().equals(claimKey));
        store.abandonUnfinished(StoreLayout.prefix(run.snapshot()));
        // The files this run uploaded, if it is a differential backup: no manifest refers to them.
        String files = StoreLayout.runFilesPrefix(run.snapshot(), runFolder(run));
        store.deleteWhere(files, object -> true);
        store.abandonUnfinished(files);
    }
}
