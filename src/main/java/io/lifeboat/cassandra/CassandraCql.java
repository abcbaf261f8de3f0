package io.lifeboat.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.PlanFailedException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster's CQL, through the nodes of the local data centre: which keyspaces exist, their schema as CQL,
 * and running schema statements.
 */
final class CassandraCql implements AutoCloseable {

    /** Keyspaces Cassandra owns; never backed up nor restored. */
    static final Set<String> SYSTEM_KEYSPACES = Set.of("system", "system_schema", "system_auth", "system_distributed",
            "system_traces", "system_views", "system_virtual_schema");

    private final CqlSession session;
    private Node schemaNode;

    private CassandraCql(CqlSession session) {
        this.session = session;
    }

    static CassandraCql connect(List<CassandraEndpoint> endpoints, String datacenter, CassandraCredentials credentials) {
        CqlSessionBuilder builder = session(endpoints, credentials, DriverConfigLoader.programmaticBuilder()
                // Schema changes wait for every node to agree; a restore creates keyspaces and tables.
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                // Requests go to the local data centre; a connection to every node of the others lets a restore ask each
                // node itself whether it is up and agrees on the schema.
                .withInt(DefaultDriverOption.LOAD_BALANCING_DC_FAILOVER_MAX_NODES_PER_REMOTE_DC, Integer.MAX_VALUE)
                .withBoolean(DefaultDriverOption.LOAD_BALANCING_DC_FAILOVER_ALLOW_FOR_LOCAL_CONSISTENCY_LEVELS, false))
                .withLocalDatacenter(datacenter);
        CqlSession session = builder.build();
        requireNodesIn(datacenter, session);
        return new CassandraCql(session);
    }

    /**
     * Asks one node over CQL which data centre it is in, for a node whose JMX answers only on its own host (where
     * its agent is): the driver infers the local data centre from the one contact point.
     *
     * @throws IOException naming the node and why it did not answer
     */
    static String datacenterOf(CassandraEndpoint endpoint, CassandraCredentials credentials, String node) throws IOException {
        CqlSessionBuilder builder = session(List.of(endpoint), credentials, DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "DcInferringLoadBalancingPolicy"));
        try (CqlSession session = builder.build()) {
            return session.execute("SELECT data_center FROM system.local").one().getString("data_center");
        } catch (RuntimeException e) {
            throw new IOException(node + " did not say its data centre over CQL at " + endpoint.host() + ":" + endpoint.cqlPort()
                    + " (" + Failures.reason(e) + ")", e);
        }
    }

    /** A session on the endpoints with the credentials, and the settings every Lifeboat session has. */
    private static CqlSessionBuilder session(List<CassandraEndpoint> endpoints, CassandraCredentials credentials,
                                             ProgrammaticDriverConfigLoaderBuilder config) {
        CqlSessionBuilder builder = CqlSession.builder().withConfigLoader(config
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                // Lifeboat reads system_schema itself; the driver's schema metadata would wait 1 s after each DDL.
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .build());
        endpoints.forEach(endpoint -> builder.addContactPoint(new InetSocketAddress(endpoint.host(), endpoint.cqlPort())));
        if (credentials.cqlUser().isPresent()) {
            builder.withAuthCredentials(credentials.cqlUser().get(), credentials.cqlPassword().map(secret -> secret.value()).orElse(""));
        }
        return builder;
    }

    /**
     * A local data centre without nodes leaves the driver nobody to ask, and every request would fail with
     * "No node was available to execute the query": say which data centres there are instead.
     */
    private static void requireNodesIn(String datacenter, CqlSession session) {
        Set<String> datacenters = new TreeSet<>();
        session.getMetadata().getNodes().values().forEach(node -> datacenters.add(String.valueOf(node.getDatacenter())));
        if (!datacenters.contains(datacenter)) {
            session.close();
            throw new PlanFailedException("data centre " + datacenter + " has no Cassandra node (the cluster's nodes are in "
                    + String.join(", ", datacenters) + "); correct 'datacenter' in the cluster file, or leave it out to ask the nodes");
        }
    }

    /** The user keyspaces, sorted. */
    Set<String> keyspaces() {
        Set<String> keyspaces = new TreeSet<>();
        for (Row row : session.execute("SELECT keyspace_name FROM system_schema.keyspaces")) {
            String name = row.getString("keyspace_name");
            if (!SYSTEM_KEYSPACES.contains(name)) {
                keyspaces.add(name);
            }
        }
        return keyspaces;
    }

    /**
     * The CQL that recreates the keyspace: keyspace, types, functions, tables, indexes, views (server-side
     * DESCRIBE). WITH INTERNALS keeps table ids and dropped columns, without which old SSTables do not import.
     */
    List<String> describe(String keyspace) {
        List<String> statements = new ArrayList<>();
        for (Row row : session.execute("DESCRIBE KEYSPACE " + quote(keyspace) + " WITH INTERNALS")) {
            statements.add(row.getString("create_statement"));
        }
        return statements;
    }

    void execute(String statement) {
        session.execute(statement);
    }

    /**
     * Runs a schema statement on the one node all of a restore's schema statements go to: a statement that names what
     * an earlier one made (a table of a type, in a keyspace) must not reach a node the earlier one has not reached yet.
     */
    synchronized void executeSchema(String statement) {
        if (schemaNode == null) {
            schemaNode = session.execute("SELECT release_version FROM system.local").getExecutionInfo().getCoordinator();
        }
        try {
            session.execute(SimpleStatement.newInstance(statement).setNode(schemaNode));
        } catch (AllNodesFailedException nodeGone) {
            // The node went down (a failed restore drops what it made through another): the next one carries on.
            schemaNode = null;
            session.execute(statement);
        }
    }

    /** The session, for the readers of the ring and of the nodes' schema versions. */
    CqlSession session() {
        return session;
    }

    /** The tables of the keyspace, sorted. */
    List<String> tables(String keyspace) {
        List<String> tables = new ArrayList<>();
        for (Row row : session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)) {
            tables.add(row.getString("table_name"));
        }
        tables.sort(null);
        return tables;
    }

    /** The replication settings of the keyspace, as {@code system_schema.keyspaces} keeps them; empty if it does not exist. */
    Optional<Map<String, String>> replication(String keyspace) {
        Row row = session.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace).one();
        return row == null ? Optional.empty() : Optional.of(row.getMap("replication", String.class, String.class));
    }

    /** The user-defined types of the keyspace. */
    Set<String> types(String keyspace) {
        Set<String> types = new TreeSet<>();
        for (Row row : session.execute("SELECT type_name FROM system_schema.types WHERE keyspace_name = ?", keyspace)) {
            types.add(row.getString("type_name"));
        }
        return types;
    }

    void dropType(String keyspace, String type) {
        executeSchema("DROP TYPE IF EXISTS " + quote(keyspace) + "." + quote(type));
    }

    void dropTable(String keyspace, String table) {
        executeSchema("DROP TABLE IF EXISTS " + quote(keyspace) + "." + quote(table));
    }

    void dropKeyspace(String keyspace) {
        executeSchema("DROP KEYSPACE IF EXISTS " + quote(keyspace));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        session.close();
    }
}
