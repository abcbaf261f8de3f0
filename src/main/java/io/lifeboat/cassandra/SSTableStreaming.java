package io.lifeboat.cassandra;

import io.lifeboat.kernel.Secret;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Streams staged SSTables into a live Cassandra cluster with Cassandra's own streaming (what sstableloader does),
 * for restores into another token ownership. Cassandra's jars never join Lifeboat's classpath: the SSTable loader
 * ({@code cassandra-loader/}) runs in a JVM of its own with a node's Cassandra jars, reads the job (password
 * included) on stdin and answers in JSON lines.
 */
public final class SSTableStreaming {

    /**
     * What to stream: CQL contact points of the target cluster, its storage port, optional CQL credentials, the bytes
     * per second the loader may send ({@code throughput}, 0 for no limit), and the tables, one after another.
     */
    public record Job(List<InetSocketAddress> hosts, int storagePort, Optional<String> username, Optional<Secret> password,
                      long throughput, List<Table> tables) {

        /** A job without a limit on throughput. */
        public Job(List<InetSocketAddress> hosts, int storagePort, Optional<String> username, Optional<Secret> password, List<Table> tables) {
            this(hosts, storagePort, username, password, 0, tables);
        }

        public Job {
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("a streaming job needs at least one host");
            }
            hosts = List.copyOf(hosts);
            tables = List.copyOf(tables);
        }
    }

    /**
     * A staged folder of SSTables ({@code <staging>/<keyspace>/<table>/}) and the target table it loads into, which
     * may be named otherwise. With {@code repairedRanges} ({@code (start, end]} token pairs), SSTables marked repaired
     * are streamed only for those ranges; unrepaired ones always go whole to every replica.
     */
    public record Table(Path directory, String keyspace, String table, Optional<List<List<String>>> repairedRanges) {

        public Table {
            repairedRanges.ifPresent(ranges -> ranges.forEach(range -> {
                if (range.size() != 2) {
                    throw new IllegalArgumentException("a repaired range is a (start, end] pair of tokens, not " + range);
                }
            }));
        }
    }

    /** Bytes sent in all and to each target host (by address), and how long the loader took once started. */
    public record Result(long bytesSent, Map<String, Long> bytesPerHost, Duration took) {
    }

    private final Path loaderJar;
    private final List<Path> cassandraJars;

    /** Runs the loader built beside Lifeboat's own code ({@code target/loader/}) with these Cassandra jars. */
    public SSTableStreaming(List<Path> cassandraJars) throws IOException {
        this(LoaderCommand.locateLoaderJar(), cassandraJars);
    }

    SSTableStreaming(Path loaderJar, List<Path> cassandraJars) {
        this.loaderJar = loaderJar;
        this.cassandraJars = List.copyOf(cassandraJars);
    }

    /**
     * Streams the job's tables, telling {@code bytesSent} the bytes sent since its previous call. Fails in one line
     * ({@link SSTableStreamingException}, naming the host when one failed). If this thread is interrupted, or
     * {@code bytesSent} throws, the loader is killed and the exception goes on.
     */
    public Result stream(Job job, LongConsumer bytesSent) throws IOException {
        LoaderEvents events = new LoaderEvents(bytesSent);
        try (LoaderProcess loader = LoaderProcess.start(LoaderCommand.of(loaderJar, cassandraJars))) {
            loader.send(LoaderRequest.json(job));
            for (Optional<String> line = loader.nextLine(); line.isPresent(); line = loader.nextLine()) {
                events.accept(line.get());
            }
            return events.result(loader.awaitExit(), loader.stderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming SSTables");
        }
    }
}
