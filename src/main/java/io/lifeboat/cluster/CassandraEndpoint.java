package io.lifeboat.cluster;

/** Where a Cassandra node answers: its address, JMX port (snapshots, import) and CQL port (schema). */
public record CassandraEndpoint(String host, int jmxPort, int cqlPort) {
}
