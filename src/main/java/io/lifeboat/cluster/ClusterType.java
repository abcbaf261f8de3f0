package io.lifeboat.cluster;

/** What a cluster's nodes are: folders of keyspaces, or live Apache Cassandra nodes. */
public enum ClusterType {
    FILES, CASSANDRA
}
