import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a deterministic Cassandra-like data set for the benchmark: per node, two keyspaces of four
 * tables, each with a Data.db of random bytes (like compressed SSTables) and an Index.db of text-like
 * rows, half and half, plus small TOC and Statistics files. Usage: GenerateData DIR TOTAL_MB NODES
 */
public final class GenerateData {

    private static final String[] WORDS = {"order", "customer", "sensor", "value", "timestamp", "lyon", "paris", "status",
            "shipped", "pending", "total", "amount", "device", "reading", "alpha", "bravo", "charlie", "delta"};

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        long total = Long.parseLong(args[1]) * 1_000_000L;
        int nodes = Integer.parseInt(args[2]);
        long perTable = total / nodes / 8;
        for (int node = 0; node < nodes; node++) {
            SplittableRandom random = new SplittableRandom(1000L + node);
            for (String keyspace : new String[] {"shop", "metrics"}) {
                for (int table = 0; table < 4; table++) {
                    Path dir = Files.createDirectories(root.resolve("node-" + node).resolve(keyspace).resolve("t" + table + "-0a1b2c3d"));
                    writeRandom(dir.resolve("nb-1-big-Data.db"), perTable / 2, random);
                    writeText(dir.resolve("nb-1-big-Index.db"), perTable - perTable / 2, random);
                    Files.writeString(dir.resolve("nb-1-big-TOC.txt"), "Data.db\nIndex.db\nTOC.txt\nStatistics.db\n");
                    Files.writeString(dir.resolve("nb-1-big-Statistics.db"), "rows=" + random.nextInt(1_000_000) + "\n");
                }
            }
        }
    }

    private static void writeRandom(Path file, long bytes, SplittableRandom random) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
    }

    private static void writeText(Path file, long bytes, SplittableRandom random) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            long written = 0;
            StringBuilder line = new StringBuilder();
            while (written < bytes) {
                line.setLength(0);
                line.append(random.nextInt(10_000_000)).append('|');
                for (int word = 0; word < 6; word++) {
                    line.append(WORDS[random.nextInt(WORDS.length)]).append(word < 5 ? ' ' : '|');
                }
                line.append(random.nextInt(100_000) / 100.0).append('\n');
                byte[] bytesOfLine = line.toString().getBytes(StandardCharsets.US_ASCII);
                int length = (int) Math.min(bytesOfLine.length, bytes - written);
                out.write(bytesOfLine, 0, length);
                written += length;
            }
        }
    }
}
