package io.lifeboat.kernel;

import java.util.List;

/**
 * What a plan does, and the phases of its runs, in order. A backup snapshots every node before it uploads
 * any, so the nodes' copies are as close in time as the nodes allow, and writes the manifest last.
 */
public enum Operation {
    BACKUP(List.of(Phase.CHECK, Phase.SAVE_SCHEMA, Phase.SNAPSHOT, Phase.UPLOAD, Phase.CLEAN_UP, Phase.WRITE_MANIFEST)),
    RESTORE(List.of(Phase.CHECK, Phase.RESTORE_NODES, Phase.LOAD_KEYSPACES, Phase.CLEAN_UP));

    private final List<Phase> phases;

    Operation(List<Phase> phases) {
        this.phases = phases;
    }

    /** The phases of a run, in order; the routes enter them one by one. */
    public List<Phase> phases() {
        return phases;
    }
}
