package io.lifeboat.cassandra;

import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.Topology;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the ring as the node Lifeboat's session talks to knows it: {@code system.local} for that node and
 * {@code system.peers_v2} for every other (gossip's view, so a node that is down is still in it), with the
 * replication settings of the keyspaces asked for. A member whose CQL address is a node of the cluster file gets
 * that node's index.
 */
final class RingReader {

    private final CassandraCql cql;
    private final Cluster cluster;

    RingReader(CassandraCql cql, Cluster cluster) {
        this.cql = cql;
        this.cluster = cluster;
    }

    Topology read(List<String> keyspaces) {
        ResultSet localAnswer = cql.session().execute("SELECT host_id, broadcast_address, listen_address, listen_port, data_center, rack,"
                + " tokens, release_version, partitioner, rpc_address, rpc_port FROM system.local");
        Row local = localAnswer.one();
        // Its peers are asked of the same node: another would list this one among them.
        var asked = localAnswer.getExecutionInfo().getCoordinator();
        List<Topology.Member> members = new ArrayList<>();
        String address = text(local.getInetAddress("broadcast_address") != null ? local.getInetAddress("broadcast_address")
                : local.getInetAddress("listen_address"));
        members.add(member(local, address, local.getInt("listen_port"), text(local.getInetAddress("rpc_address")), local.getInt("rpc_port")));
        for (Row peer : cql.session().execute(SimpleStatement.newInstance("SELECT peer, peer_port, host_id, data_center, rack, tokens,"
                + " release_version, native_address, native_port FROM system.peers_v2").setNode(asked))) {
            members.add(member(peer, text(peer.getInetAddress("peer")), peer.getInt("peer_port"), text(peer.getInetAddress("native_address")),
                    peer.getInt("native_port")));
        }
        members.sort(Comparator.comparing((Topology.Member member) -> member.index().orElse(Integer.MAX_VALUE))
                .thenComparing(Topology.Member::address));
        Map<String, Map<String, String>> replication = new LinkedHashMap<>();
        for (String keyspace : keyspaces) {
            cql.replication(keyspace).ifPresent(settings -> replication.put(keyspace, settings));
        }
        return new Topology(local.getString("partitioner"), members, replication);
    }

    private Topology.Member member(Row row, String address, int storagePort, String nativeAddress, int nativePort) {
        List<String> tokens = new ArrayList<>(row.getSet("tokens", String.class));
        tokens.sort(RingReader::compareTokens);
        return new Topology.Member(indexOf(nativeAddress, nativePort), String.valueOf(row.getUuid("host_id")), address,
                row.getString("data_center"), row.getString("rack"), tokens, row.getString("release_version"), nativeAddress, nativePort,
                storagePort);
    }

    /** The cluster file names a node by its CQL address, perhaps by a host name. */
    private Optional<Integer> indexOf(String nativeAddress, int nativePort) {
        for (Node node : cluster.nodes()) {
            CassandraEndpoint endpoint = CassandraNode.of(node).endpoint();
            if (endpoint.cqlPort() == nativePort && nativeAddress.equals(resolve(endpoint.host()))) {
                return Optional.of(node.index());
            }
        }
        return Optional.empty();
    }

    static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    private static String text(InetAddress address) {
        return address == null ? "" : address.getHostAddress();
    }

    /** Tokens in ring order where they are numbers (Murmur3, Random), else as text. */
    private static int compareTokens(String a, String b) {
        try {
            return new BigInteger(a).compareTo(new BigInteger(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }
}
