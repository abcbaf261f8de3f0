package io.lifeboat.kernel;

import java.util.List;

/** What a plan does, and the direct: endpoint that runs it. */
public enum Operation {
    BACKUP("direct:backup", List.of("check", "save-schema", "backup-nodes", "write-manifest")),
    RESTORE("direct:restore", List.of("check", "restore-nodes", "load-keyspaces"));

    private final String endpoint;
    private final List<String> phases;

    Operation(String endpoint, List<String> phases) {
        this.endpoint = endpoint;
        this.phases = phases;
    }

    /** The phases of a run, in order; the routes enter them one by one. */
    public List<String> phases() {
        return phases;
    }

    public String endpoint() {
        return endpoint;
    }
}
