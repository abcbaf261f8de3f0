package io.lifeboat.clusters;

import io.lifeboat.cassandra.CassandraClusterAccess;
import io.lifeboat.cassandra.CassandraCredentials;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterAccess;
import io.lifeboat.cluster.FileClusterAccess;
import io.lifeboat.kernel.LifeboatSettings;

/** Opens the access a cluster's type needs. */
public final class ClusterAccesses {

    private ClusterAccesses() {
    }

    /** A Cassandra cluster takes the settings of its schema agreement and of streaming from {@code settings}. */
    public static ClusterAccess open(Cluster cluster, CassandraCredentials credentials, LifeboatSettings settings) {
        return switch (cluster.type()) {
            case FILES -> new FileClusterAccess();
            case CASSANDRA -> new CassandraClusterAccess(cluster, credentials, settings.schemaAgreementTimeout(), settings.streamThroughput());
        };
    }
}
