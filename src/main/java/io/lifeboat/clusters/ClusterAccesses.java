package io.lifeboat.clusters;

import io.lifeboat.cassandra.CassandraClusterAccess;
import io.lifeboat.cassandra.CassandraCredentials;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterAccess;
import io.lifeboat.cluster.FileClusterAccess;

/** Opens the access a cluster's type needs. */
public final class ClusterAccesses {

    private ClusterAccesses() {
    }

    public static ClusterAccess open(Cluster cluster, CassandraCredentials credentials) {
        return switch (cluster.type()) {
            case FILES -> new FileClusterAccess();
            case CASSANDRA -> new CassandraClusterAccess(cluster, credentials);
        };
    }
}
