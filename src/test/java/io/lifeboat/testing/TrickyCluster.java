package io.lifeboat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes clusters whose trees hold what archives get wrong: empty files and directories, unicode and
 * spaces in names, paths over 100 characters, links, and a schema.cql per keyspace.
 */
public final class TrickyCluster {

    public static final String LONG_TABLE = "table_with_a_rather_long_name_that_keeps_going-0123456789abcdef0123456789abcdef";

    private TrickyCluster() {
    }

    /** A cluster file in {@code folder} with {@code nodes} nodes holding keyspaces ks1, ks2 and ks3. */
    public static Path write(Path folder, int nodes) throws IOException {
        Path clusterFile = clusterFile(folder, "tricky", nodes);
        for (int index = 0; index < nodes; index++) {
            writeNode(folder.resolve("nodes/node-" + index), index);
        }
        return clusterFile;
    }

    /** A cluster file for {@code nodes} nodes whose data directories do not exist yet. */
    public static Path empty(Path folder, int nodes) throws IOException {
        return clusterFile(folder, "target", nodes);
    }

    /** A cluster whose nodes each hold one incompressible file of {@code bytesPerNode}: slow enough to watch. */
    public static Path large(Path folder, int nodes, int bytesPerNode) throws IOException {
        Path clusterFile = clusterFile(folder, "large", nodes);
        for (int index = 0; index < nodes; index++) {
            Path table = Files.createDirectories(folder.resolve("nodes/node-" + index + "/big/sstables"));
            byte[] data = new byte[bytesPerNode];
            new Random(index).nextBytes(data);
            Files.write(table.resolve("nb-1-big-Data.db"), data);
        }
        return clusterFile;
    }

    private static Path clusterFile(Path folder, String name, int nodes) throws IOException {
        Files.createDirectories(folder);
        StringBuilder yaml = new StringBuilder("name: " + name + "\nnodes:\n");
        for (int index = 0; index < nodes; index++) {
            yaml.append("  - index: ").append(index).append("\n    dataDir: nodes/node-").append(index).append('\n');
        }
        return Files.writeString(folder.resolve("cluster.yaml"), yaml);
    }

    private static void writeNode(Path dataDir, int index) throws IOException {
        Random random = new Random(index);
        for (String keyspace : new String[] {"ks1", "ks2", "ks3"}) {
            Path ks = Files.createDirectories(dataDir.resolve(keyspace));
            Files.writeString(ks.resolve("schema.cql"), "CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\n");
            Path table = Files.createDirectories(ks.resolve("users-" + index));
            Files.write(table.resolve("nb-1-big-Data.db"), bytes(random, 200_000 + index));
            Files.write(table.resolve("empty file.db"), new byte[0]);
            Files.writeString(table.resolve("données été ✓.txt"), "unicode " + keyspace + index, StandardCharsets.UTF_8);
            Files.createDirectories(table.resolve("empty dir"));
            Path deep = Files.createDirectories(ks.resolve(LONG_TABLE).resolve("sub directory with spaces/and yet another level"));
            Files.write(deep.resolve("nb-2-big-Index-with-a-long-name-too-0123456789.db"), bytes(random, 5_000));
            Files.createSymbolicLink(table.resolve("latest-data"), Path.of("nb-1-big-Data.db"));
        }
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        // Half of each file compresses, like real SSTables with text columns.
        for (int i = 0; i < size / 2; i++) {
            bytes[i] = (byte) ('a' + i % 13);
        }
        return bytes;
    }
}
