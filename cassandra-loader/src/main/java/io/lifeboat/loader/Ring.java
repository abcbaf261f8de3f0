package io.lifeboat.loader;

import com.datastax.driver.core.AuthProvider;
import com.datastax.driver.core.PlainTextAuthProvider;
import org.apache.cassandra.dht.Range;
import org.apache.cassandra.dht.Token;
import org.apache.cassandra.locator.InetAddressAndPort;
import org.apache.cassandra.schema.TableMetadataRef;
import org.apache.cassandra.streaming.StreamingChannel;
import org.apache.cassandra.tools.BulkLoadConnectionFactory;
import org.apache.cassandra.utils.NativeSSTableLoaderClient;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target cluster as one keyspace sees it, read over CQL by Cassandra's own {@link NativeSSTableLoaderClient}
 * (as sstableloader does): the token ranges each endpoint replicates, the tables' metadata, and the connections
 * that stream to the endpoints' storage port.
 */
final class Ring {

    private final NativeSSTableLoaderClient client;
    private final Map<InetAddressAndPort, List<Range<Token>>> endpointRanges;

    private Ring(NativeSSTableLoaderClient client, Map<InetAddressAndPort, List<Range<Token>>> endpointRanges) {
        this.client = client;
        this.endpointRanges = endpointRanges;
    }

    static Ring read(LoadRequest request, String keyspace) {
        List<InetSocketAddress> contactPoints = request.contactPoints();
        NativeSSTableLoaderClient client = new Client(contactPoints, request.storagePort(), authProvider(request));
        try {
            client.init(keyspace);
        } catch (RuntimeException e) {
            throw new LoadFailure("cannot read the ring and schema of keyspace " + keyspace + " through " + request.hosts()
                    + ": " + LoadFailure.reason(e));
        }
        Map<InetAddressAndPort, List<Range<Token>>> ranges = new LinkedHashMap<>();
        client.getEndpointToRangesMap().forEach((endpoint, owned) -> ranges.put(endpoint, Range.normalize(owned)));
        return new Ring(client, ranges);
    }

    /** Each endpoint's replicated ranges, normalized (sorted, merged, none wrapping). */
    Map<InetAddressAndPort, List<Range<Token>>> endpointRanges() {
        return endpointRanges;
    }

    Optional<TableMetadataRef> table(String name) {
        return Optional.ofNullable(client.getTableMetadata(name));
    }

    StreamingChannel.Factory connectionFactory() {
        return client.getConnectionFactory();
    }

    private static AuthProvider authProvider(LoadRequest request) {
        return request.user()
                .<AuthProvider>map(user -> new PlainTextAuthProvider(user, request.password() == null ? "" : request.password()))
                .orElse(null);
    }

    /** Streams to the storage port asked for, as sstableloader's own client does; no internode encryption. */
    private static final class Client extends NativeSSTableLoaderClient {

        private final int storagePort;

        Client(Collection<InetSocketAddress> contactPoints, int storagePort, AuthProvider authProvider) {
            super(contactPoints, storagePort, authProvider, null);
            this.storagePort = storagePort;
        }

        @Override
        public StreamingChannel.Factory getConnectionFactory() {
            return new BulkLoadConnectionFactory(null, storagePort);
        }
    }
}
