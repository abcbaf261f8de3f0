package io.lifeboat.cluster;

/**
 * How a backed-up keyspace goes into a target node: a file cluster's folders are moved into place; Cassandra
 * imports SSTables into the node that owns exactly what they hold, or streams them to the replicas that own their
 * rows.
 */
public enum LoadPath {
    MOVE("move"), IMPORT("import"), STREAM("streaming");

    private final String label;

    LoadPath(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
