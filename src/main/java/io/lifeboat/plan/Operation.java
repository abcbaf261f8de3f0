package io.lifeboat.plan;

/** What a plan does, and the direct: endpoint that runs it. */
public enum Operation {
    BACKUP("direct:backup"),
    RESTORE("direct:restore");

    private final String endpoint;

    Operation(String endpoint) {
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }
}
