package io.lifeboat.cassandra;

import io.lifeboat.claim.Claim;
import io.lifeboat.claim.RunOwner;
import io.lifeboat.cluster.ArchiveRoot;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterAccess;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.cluster.WorkFolders;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.SnapshotName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<Integer, CassandraJmx> jmx = new ConcurrentHashMap<>();
    private CassandraCql cql;

    public CassandraClusterAccess(Cluster cluster, CassandraCredentials credentials) {
        this.cluster = cluster;
        this.credentials = credentials;
    }

    @Override
    public List<String> keyspaces(Node node) {
        return List.copyOf(cql().keyspaces());
    }

    @Override
    public long dataBytes(Node node, List<String> keyspaces) throws IOException {
        long bytes = 0;
        for (Path dataDir : node.dataDirs()) {
            for (String keyspace : keyspaces) {
                for (Path table : tableDirectories(dataDir.resolve(keyspace))) {
                    bytes += sizeOfFiles(table);
                }
            }
        }
        return bytes;
    }

    /**
     * Takes the node's snapshot under the run's claim on its name; the Lifeboat snapshots of runs that are gone
     * (a killed backup never cleared its tag) are cleared first, so they neither hold disk space nor block the name.
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

    private CassandraSnapshot take(Node node, CassandraJmx nodeJmx, String tag, List<String> keyspaces, Claim claim) throws IOException {
        if (keyspaces.isEmpty()) {
            return new CassandraSnapshot(node, nodeJmx, tag, keyspaces, List.of(), 0, claim);
        }
        nodeJmx.takeSnapshot(tag, keyspaces);
        CassandraSnapshot snapshot = null;
        try {
            List<ArchiveRoot> roots = new ArrayList<>();
            long bytes = 0;
            Set<String> seen = new TreeSet<>();
            for (Path dataDir : node.dataDirs()) {
                for (String keyspace : keyspaces) {
                    for (Path table : tableDirectories(dataDir.resolve(keyspace))) {
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
    public Optional<String> existingKeyspace(Node node, Collection<String> keyspaces) {
        Set<String> existing = cql().keyspaces();
        return keyspaces.stream().filter(existing::contains).findFirst();
    }

    /** Creates the keyspaces from the snapshot's schema.cql; if one cannot be made, those made already are dropped. */
    @Override
    public void createSchema(List<String> keyspaces, Optional<byte[]> schema) {
        Map<String, List<String>> statements = CassandraSchema.parse(schema.orElseThrow(
                () -> new PlanFailedException("the snapshot holds no schema.cql; it cannot be loaded into Cassandra")));
        List<String> created = new ArrayList<>();
        try {
            for (String keyspace : new TreeSet<>(keyspaces)) {
                List<String> keyspaceStatements = Optional.ofNullable(statements.get(keyspace))
                        .orElseThrow(() -> new PlanFailedException("schema.cql has no statements for keyspace " + keyspace));
                created.add(keyspace);
                keyspaceStatements.forEach(cql()::execute);
            }
        } catch (RuntimeException e) {
            dropSchema(created);
            throw e;
        }
    }

    /** Imports the node's staged SSTables into the node, table by table, as {@code nodetool import} does. */
    @Override
    public void load(Node node, List<String> keyspaces, Path staging) throws IOException {
        importNode(node, keyspaces, staging);
    }

    @Override
    public void unload(Node node, List<String> keyspaces, Path staging) {
        // Imported SSTables belong to their tables now: dropping the keyspaces takes them out.
    }

    @Override
    public void dropSchema(List<String> keyspaces) {
        for (String keyspace : keyspaces) {
            try {
                cql().dropKeyspace(keyspace);
            } catch (RuntimeException dropFailed) {
                LOG.warn("keyspace {} could not be dropped after a failed restore: {}", keyspace, dropFailed.getMessage());
            }
        }
    }

    private void importNode(Node node, List<String> keyspaces, Path staging) throws IOException {
        for (String keyspace : keyspaces) {
            Path keyspaceDir = staging.resolve(keyspace);
            if (!Files.isDirectory(keyspaceDir)) {
                continue;
            }
            try (Stream<Path> tables = Files.list(keyspaceDir)) {
                for (Path table : tables.filter(Files::isDirectory).sorted().toList()) {
                    List<String> failed = jmx(node).importSSTables(keyspace, table.getFileName().toString(), table.toString());
                    // Import also answers "nothing failed" when it found nothing: the moved files are the proof.
                    if (!failed.isEmpty() || !dataFiles(table).isEmpty()) {
                        throw new IOException(node + ": Cassandra did not import " + keyspace + "." + table.getFileName()
                                + (failed.isEmpty() ? " (its SSTables were left in " + table + ")" : " from " + failed));
                    }
                }
            }
        }
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

    private static List<Path> tableDirectories(Path keyspaceDir) throws IOException {
        return directories(keyspaceDir);
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
