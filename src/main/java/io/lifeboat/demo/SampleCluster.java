package io.lifeboat.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a small Cassandra-like cluster: per node and table, SSTable components (a random Data.db like
 * compressed data, a text-like Index.db, statistics and a TOC), and a schema.cql per keyspace.
 */
final class SampleCluster {

    record Table(String keyspace, String name, String columns) {
    }

    static final List<Table> TABLES = List.of(
            new Table("shop", "orders", "id uuid PRIMARY KEY, customer text, total decimal, placed timestamp"),
            new Table("shop", "customers", "id text PRIMARY KEY, name text, email text"),
            new Table("metrics", "events", "source text, at timestamp, value double, PRIMARY KEY (source, at)"),
            new Table("metrics", "rollups", "source text, day date, mean double, PRIMARY KEY (source, day)"));

    private static final String SSTABLE = "nb-1-big-";

    private SampleCluster() {
    }

    /** Writes a cluster file and {@code nodes} node folders under {@code folder}; returns the cluster file. */
    static Path write(Path folder, String name, int nodes, int dataBytesPerTable) throws IOException {
        for (int index = 0; index < nodes; index++) {
            writeNode(folder.resolve("nodes/node-" + index), index, dataBytesPerTable);
        }
        return clusterFile(folder, name, nodes);
    }

    /** An empty cluster of the same shape, to restore into. */
    static Path writeEmpty(Path folder, String name, int nodes) throws IOException {
        for (int index = 0; index < nodes; index++) {
            Files.createDirectories(folder.resolve("nodes/node-" + index));
        }
        return clusterFile(folder, name, nodes);
    }

    private static Path clusterFile(Path folder, String name, int nodes) throws IOException {
        StringBuilder yaml = new StringBuilder("name: " + name + "\nnodes:\n");
        for (int index = 0; index < nodes; index++) {
            yaml.append("  - index: ").append(index).append("\n    dataDir: nodes/node-").append(index).append('\n');
        }
        return Files.writeString(folder.resolve("cluster.yaml"), yaml);
    }

    private static void writeNode(Path dataDir, int index, int dataBytesPerTable) throws IOException {
        SplittableRandom random = new SplittableRandom(31L * index + 7);
        for (Table table : TABLES) {
            Path keyspace = dataDir.resolve(table.keyspace());
            Path tableDir = keyspace.resolve(table.name() + "-" + Long.toHexString(random.nextLong()).substring(0, 8));
            Files.createDirectories(tableDir);
            Files.writeString(keyspace.resolve("schema.cql"), schema(table.keyspace()), StandardCharsets.UTF_8);
            writeRandom(tableDir.resolve(SSTABLE + "Data.db"), dataBytesPerTable / 2, random);
            writeText(tableDir.resolve(SSTABLE + "Index.db"), dataBytesPerTable / 2, random, table);
            Files.writeString(tableDir.resolve(SSTABLE + "Statistics.db"), "min_timestamp=" + random.nextLong() + "\n");
            Files.writeString(tableDir.resolve(SSTABLE + "TOC.txt"), "Data.db\nIndex.db\nStatistics.db\nTOC.txt\n");
        }
    }

    private static String schema(String keyspace) {
        StringBuilder cql = new StringBuilder("CREATE KEYSPACE " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3};\n");
        for (Table table : TABLES) {
            if (table.keyspace().equals(keyspace)) {
                cql.append("CREATE TABLE ").append(keyspace).append('.').append(table.name())
                        .append(" (").append(table.columns()).append(");\n");
            }
        }
        return cql.toString();
    }

    private static void writeRandom(Path file, int bytes, SplittableRandom random) throws IOException {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        Files.write(file, data);
    }

    private static void writeText(Path file, int bytes, SplittableRandom random, Table table) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            while (written < bytes) {
                byte[] line = (table.name() + "|key-" + random.nextInt(100_000) + "|" + random.nextInt(1_000_000) + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
                out.write(line);
                written += line.length;
            }
        }
    }
}
