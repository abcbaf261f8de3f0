package io.lifeboat.kernel;

import java.util.List;

/** What a plan does, and the phases of its runs, in order. */
public enum Operation {
    BACKUP(List.of(Phase.CHECK, Phase.SAVE_SCHEMA, Phase.BACKUP_NODES, Phase.WRITE_MANIFEST)),
    RESTORE(List.of(Phase.CHECK, Phase.RESTORE_NODES, Phase.LOAD_KEYSPACES));

    private final List<Phase> phases;

    Operation(List<Phase> phases) {
        this.phases = phases;
    }

    /** The phases of a run, in order; the routes enter them one by one. */
    public List<Phase> phases() {
        return phases;
    }
}
