package io.lifeboat.cassandra;

/**
 * Where a Cassandra node answers: CQL (schema) on its address, JMX (snapshots, import) on {@code jmxHost},
 * which is 127.0.0.1 for a node with local-only JMX whatever its own address.
 */
public record CassandraEndpoint(String host, String jmxHost, int jmxPort, int cqlPort) {
}
