package io.lifeboat.cassandra;

import io.lifeboat.claim.Claim;
import io.lifeboat.claim.RunOwner;
import io.lifeboat.cluster.ArchiveRoot;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterAccess;
import io.lifeboat.cluster.KeyspaceLoad;
import io.lifeboat.cluster.LoadOutcome;
import io.lifeboat.cluster.LoadPath;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeLoad;
import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.cluster.PartLoad;
import io.lifeboat.cluster.SchemaChange;
import io.lifeboat.cluster.StreamTarget;
import io.lifeboat.cluster.Topology;
import io.lifeboat.cluster.WorkFolders;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.SnapshotName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A live Apache Cassandra cluster: keyspaces and schema through CQL; snapshots, their clearing and SSTable
 * import through each node's JMX, as nodetool does, from where the node's data directories are (this process,
 * or the node's agent).
 */
public final class CassandraClusterAccess implements ClusterAccess {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraClusterAccess.class);
    private static final String TAG_PREFIX = "lifeboat-";
    private static final String SNAPSHOTS = "snapshots";

    private final Cluster cluster;
    private final CassandraCredentials credentials;
    private final Duration schemaAgreement;
    private final long streamThroughput;
    private final Map<Integer, CassandraJmx> jmx = new ConcurrentHashMap<>();
    /** The types a restore made in keyspaces that stay, to drop again if the restore fails. */
    private final Map<String, List<String>> typesMade = new ConcurrentHashMap<>();
    private CassandraCql cql;

    /**
     * @param schemaAgreement  how long the nodes may take to agree on a schema change
     * @param streamThroughput the bytes per second each streaming loader may send, 0 for no limit
     */
    public CassandraClusterAccess(Cluster cluster, CassandraCredentials credentials, Duration schemaAgreement, long streamThroughput) {
        this.cluster = cluster;
        this.credentials = credentials;
        this.schemaAgreement = schemaAgreement;
        this.streamThroughput = streamThroughput;
    }

    @Override
    public List<String> keyspaces(Node node) {
        return List.copyOf(cql().keyspaces());
    }

    /** @param entries keyspaces, or {@code keyspace.table} for single tables */
    @Override
    public long dataBytes(Node node, List<String> entries) throws IOException {
        long bytes = 0;
        for (Path dataDir : node.dataDirs()) {
            for (String entry : entries) {
                for (Path table : tableDirectories(dataDir, entry)) {
                    bytes += sizeOfFiles(table);
                }
            }
        }
        return bytes;
    }

    /**
     * Takes the node's snapshot of the entries (keyspaces, or {@code keyspace.table}) under the run's claim on its name;
     * the Lifeboat snapshots of runs that are gone (a killed backup never cleared its tag) are cleared first, so they
     * neither hold disk space nor block the name.
     */
    @Override
    public NodeSnapshot snapshot(Node node, SnapshotName name, List<String> keyspaces, RunOwner owner) throws IOException {
        Claim claim = WorkFolders.claimSnapshot(node, name.value(), owner);
        try {
            CassandraJmx nodeJmx = jmx(node);
            clearSnapshotsOfRunsGone(node, nodeJmx, name);
            return take(node, nodeJmx, TAG_PREFIX + name.value(), keyspaces, claim);
        } catch (IOException | RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    private CassandraSnapshot take(Node node, CassandraJmx nodeJmx, String tag, List<String> entries, Claim claim) throws IOException {
        List<String> keyspaces = entries.stream().map(CassandraClusterAccess::keyspaceOf).distinct().toList();
        if (entries.isEmpty()) {
            return new CassandraSnapshot(node, nodeJmx, tag, keyspaces, List.of(), 0, claim);
        }
        nodeJmx.takeSnapshot(tag, entries);
        CassandraSnapshot snapshot = null;
        try {
            List<ArchiveRoot> roots = new ArrayList<>();
            long bytes = 0;
            Set<String> seen = new TreeSet<>();
            for (Path dataDir : node.dataDirs()) {
                for (String entry : entries) {
                    String keyspace = keyspaceOf(entry);
                    for (Path table : tableDirectories(dataDir, entry)) {
                        Path snapshotDir = table.resolve(SNAPSHOTS).resolve(tag);
                        if (Files.isDirectory(snapshotDir)) {
                            String path = keyspace + "/" + tableName(table);
                            if (!seen.add(path)) {
                                throw new IOException(path + " has snapshot files in two data directories; Lifeboat archives one per table");
                            }
                            roots.add(new ArchiveRoot(path, snapshotDir));
                            bytes += sizeOfFiles(snapshotDir);
                        }
                    }
                }
            }
            snapshot = new CassandraSnapshot(node, nodeJmx, tag, keyspaces, roots, bytes, claim);
            return snapshot;
        } finally {
            if (snapshot == null) {
                nodeJmx.clearSnapshot(tag, keyspaces);
            }
        }
    }

    /** Clears every Lifeboat snapshot tag on the node whose backup is not running, this run's own name included. */
    private static void clearSnapshotsOfRunsGone(Node node, CassandraJmx jmx, SnapshotName ours) throws IOException {
        for (String tag : lifeboatTags(node)) {
            String snapshot = tag.substring(TAG_PREFIX.length());
            if (snapshot.equals(ours.value()) || !WorkFolders.snapshotInUse(node, snapshot)) {
                LOG.info("{}: clearing snapshot {}, left by a backup that is gone", node, tag);
                jmx.clearSnapshot(tag, List.of());
            }
        }
    }

    /** The Lifeboat snapshot tags found under the node's tables: {@code <dataDir>/<ks>/<table>/snapshots/lifeboat-*}. */
    private static Set<String> lifeboatTags(Node node) throws IOException {
        Set<String> tags = new TreeSet<>();
        for (Path dataDir : node.dataDirs()) {
            for (Path keyspace : directories(dataDir)) {
                for (Path table : directories(keyspace)) {
                    for (Path snapshot : directories(table.resolve(SNAPSHOTS))) {
                        String tag = snapshot.getFileName().toString();
                        if (tag.startsWith(TAG_PREFIX)) {
                            tags.add(tag);
                        }
                    }
                }
            }
        }
        return tags;
    }

    @Override
    public Optional<byte[]> schema(List<String> keyspaces) {
        Map<String, List<String>> statements = new LinkedHashMap<>();
        for (String keyspace : keyspaces) {
            statements.put(keyspace, cql().describe(keyspace));
        }
        return Optional.of(CassandraSchema.render(statements));
    }

    @Override
    public Map<String, List<String>> tables(Collection<String> keyspaces) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        Set<String> existing = cql().keyspaces();
        keyspaces.stream().filter(existing::contains).forEach(keyspace -> tables.put(keyspace, cql().tables(keyspace)));
        return tables;
    }

    @Override
    public Optional<Topology> topology(Collection<String> keyspaces) {
        return Optional.of(new RingReader(cql(), cluster).read(List.copyOf(keyspaces)));
    }

    @Override
    public void awaitSchemaAgreement(Duration timeout) {
        new SchemaAgreement(cql(), this::describe).await(timeout);
    }

    /** @param names keyspaces, or {@code keyspace.table} for tables restored into a keyspace that stays */
    @Override
    public Optional<String> existing(Node node, Collection<String> names) {
        Set<String> keyspaces = cql().keyspaces();
        for (String name : names) {
            int dot = name.indexOf('.');
            if (dot < 0 ? keyspaces.contains(name)
                    : keyspaces.contains(name.substring(0, dot)) && cql().tables(name.substring(0, dot)).contains(name.substring(dot + 1))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the statements of the change, chosen and renamed from the snapshot's schema.cql, then waits until every
     * node agrees on them; if one cannot be made, what was made already is dropped.
     */
    @Override
    public void createSchema(SchemaChange change, Optional<byte[]> schema) {
        Map<String, List<String>> statements = CassandraSchema.parse(schema.orElseThrow(
                () -> new PlanFailedException("the snapshot holds no schema.cql; it cannot be loaded into Cassandra")));
        try {
            for (SchemaChange.KeyspaceChange keyspace : change.keyspaces()) {
                List<String> block = Optional.ofNullable(statements.get(keyspace.keyspace()))
                        .orElseThrow(() -> new PlanFailedException("schema.cql has no statements for keyspace " + keyspace.keyspace()));
                Set<String> existingTypes = keyspace.createKeyspace() ? Set.of() : cql().types(keyspace.target());
                typesMade.put(keyspace.target(), SchemaScript.typesMade(keyspace, block, existingTypes));
                SchemaScript.of(keyspace, block, existingTypes, change.datacenters()).forEach(cql()::executeSchema);
            }
            awaitSchemaAgreement(schemaAgreement);
        } catch (RuntimeException e) {
            dropSchema(change);
            throw e;
        }
    }

    /** Imports the parts' keyspaces that go in by import (as {@code nodetool import}), then streams the others. */
    @Override
    public LoadOutcome load(Node node, Path staging, NodeLoad load, LongConsumer streamed) throws IOException {
        LoadOutcome outcome = LoadOutcome.NOTHING;
        for (PartLoad part : load.parts()) {
            for (KeyspaceLoad keyspace : part.keyspaces()) {
                if (keyspace.path() == LoadPath.IMPORT) {
                    outcome = outcome.plus(importKeyspace(node, part.folder(staging), keyspace));
                }
            }
        }
        for (PartLoad part : load.parts()) {
            if (part.keyspaces().stream().anyMatch(keyspace -> keyspace.path() == LoadPath.STREAM)) {
                outcome = outcome.plus(stream(node, part.folder(staging), part, load.streamTo().orElseThrow(
                        () -> new IllegalStateException(node + " streams with nowhere to stream to")), streamed));
            }
        }
        return outcome;
    }

    @Override
    public void unload(Node node, Path staging, NodeLoad load) {
        // Imported and streamed SSTables belong to their tables now: dropping the schema takes them out.
    }

    /** Drops the keyspaces the change created, and the tables and types it made in keyspaces that stay. */
    @Override
    public void dropSchema(SchemaChange change) {
        for (SchemaChange.KeyspaceChange keyspace : change.keyspaces()) {
            try {
                if (keyspace.createKeyspace()) {
                    cql().dropKeyspace(keyspace.target());
                    continue;
                }
                for (String table : keyspace.tables().orElse(List.of())) {
                    cql().dropTable(keyspace.target(), keyspace.targetTable(table));
                }
                for (String type : typesMade.getOrDefault(keyspace.target(), List.of())) {
                    cql().dropType(keyspace.target(), type);
                }
            } catch (RuntimeException dropFailed) {
                LOG.warn("keyspace {} could not be cleaned after a failed restore: {}", keyspace.target(), dropFailed.getMessage());
            }
        }
    }

    private LoadOutcome importKeyspace(Node node, Path part, KeyspaceLoad keyspace) throws IOException {
        int tables = 0;
        for (Path table : directories(part.resolve(keyspace.keyspace()))) {
            String targetTable = keyspace.targetTable(table.getFileName().toString());
            List<String> failed = jmx(node).importSSTables(keyspace.target(), targetTable, table.toString());
            // Import also answers "nothing failed" when it found nothing: the moved files are the proof.
            if (!failed.isEmpty() || !dataFiles(table).isEmpty()) {
                throw new IOException(node + ": Cassandra did not import " + keyspace.target() + "." + targetTable
                        + (failed.isEmpty() ? " (its SSTables were left in " + table + ")" : " from " + failed));
            }
            tables++;
        }
        return new LoadOutcome(tables, 0, 0, Duration.ZERO);
    }

    /**
     * Streams the part's keyspaces that go in by streaming to the replicas that own their rows, with Cassandra's own
     * streaming in a JVM of its own, run with the node's Cassandra jars.
     */
    private LoadOutcome stream(Node node, Path part, PartLoad load, StreamTarget target, LongConsumer streamed) throws IOException {
        List<SSTableStreaming.Table> tables = new ArrayList<>();
        for (KeyspaceLoad keyspace : load.keyspaces()) {
            if (keyspace.path() != LoadPath.STREAM) {
                continue;
            }
            for (Path table : directories(part.resolve(keyspace.keyspace()))) {
                tables.add(new SSTableStreaming.Table(table, keyspace.target(), keyspace.targetTable(table.getFileName().toString()),
                        Optional.ofNullable(keyspace.repairedRanges())));
            }
        }
        if (tables.isEmpty()) {
            return LoadOutcome.NOTHING;
        }
        List<InetSocketAddress> hosts = target.hosts().stream().map(CassandraClusterAccess::socketAddress).toList();
        SSTableStreaming.Job job = new SSTableStreaming.Job(hosts, target.storagePort(), credentials.cqlUser(), credentials.cqlPassword(),
                streamThroughput, tables);
        SSTableStreaming.Result result = new SSTableStreaming(cassandraJars(node)).stream(job, streamed);
        return new LoadOutcome(0, tables.size(), result.bytesSent(), result.took());
    }

    /** The jars of the node's installation: its Cassandra home as the cluster file gives it, else the class path its JVM reports. */
    private List<Path> cassandraJars(Node node) throws IOException {
        Optional<Path> home = CassandraNode.of(node).cassandraHome();
        return home.isPresent() ? CassandraJars.fromHome(home.get()) : CassandraJars.fromClassPath(jmx(node).classPath());
    }

    private static InetSocketAddress socketAddress(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    /** How a node of the ring is named in messages: its node index in the cluster file, if it has one, and its address. */
    private String describe(InetSocketAddress address) {
        for (Node node : cluster.nodes()) {
            CassandraEndpoint endpoint = CassandraNode.of(node).endpoint();
            if (endpoint.cqlPort() == address.getPort() && address.getAddress() != null
                    && address.getAddress().getHostAddress().equals(RingReader.resolve(endpoint.host()))) {
                return node + " (" + address.getAddress().getHostAddress() + ")";
            }
        }
        return address.getAddress() == null ? address.toString() : address.getAddress().getHostAddress();
    }

    /** The SSTable data files directly in a directory. */
    private static List<Path> dataFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-Data.db")).toList();
        }
    }

    private synchronized CassandraCql cql() {
        if (cql == null) {
            List<CassandraEndpoint> endpoints = cluster.nodes().stream().map(node -> CassandraNode.of(node).endpoint()).toList();
            cql = CassandraCql.connect(endpoints, LocalDatacenter.of(cluster, this::datacenterOf), credentials);
        }
        return cql;
    }

    /** A node's JMX answers on its own host: a node with an agent elsewhere is asked over CQL instead. */
    private String datacenterOf(Node node) throws IOException {
        if (node.agent().isPresent()) {
            return CassandraCql.datacenterOf(CassandraNode.of(node).endpoint(), credentials, node.toString());
        }
        return jmx(node).datacenter();
    }

    private CassandraJmx jmx(Node node) throws IOException {
        try {
            return jmx.computeIfAbsent(node.index(), index -> {
                try {
                    return CassandraJmx.connect(CassandraNode.of(node).endpoint(), credentials, node.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A table's directory is {@code <name>-<id>}; the archive calls it by its name. */
    private static String tableName(Path tableDir) {
        String name = tableDir.getFileName().toString();
        int dash = name.lastIndexOf('-');
        return dash > 0 ? name.substring(0, dash) : name;
    }

    /** The table directories of an entry in a data directory: every table of a keyspace, or the one of {@code keyspace.table}. */
    private static List<Path> tableDirectories(Path dataDir, String entry) throws IOException {
        List<Path> tables = directories(dataDir.resolve(keyspaceOf(entry)));
        int dot = entry.indexOf('.');
        return dot < 0 ? tables : tables.stream().filter(table -> tableName(table).equals(entry.substring(dot + 1))).toList();
    }

    private static String keyspaceOf(String entry) {
        int dot = entry.indexOf('.');
        return dot < 0 ? entry : entry.substring(0, dot);
    }

    private static List<Path> directories(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The regular files directly in a directory (a table's live SSTables, or one snapshot). */
    private static long sizeOfFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @Override
    public void close() {
        jmx.values().forEach(connection -> {
            try {
                connection.close();
            } catch (IOException e) {
                LOG.debug("closing JMX: {}", e.getMessage());
            }
        });
        if (cql != null) {
            cql.close();
        }
    }
}
