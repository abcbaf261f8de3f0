package io.lifeboat.cassandra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.kernel.Secret;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** The job as the SSTable loader reads it on stdin: one JSON object, the only place its password is written. */
final class LoaderRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoaderRequest() {
    }

    static byte[] json(SSTableStreaming.Job job) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode hosts = request.putArray("hosts");
        job.hosts().forEach(host -> hosts.add(hostAndPort(host)));
        request.put("storagePort", job.storagePort());
        request.put("throughput", job.throughput());
        job.username().ifPresent(user -> request.put("username", user));
        job.password().map(Secret::value).ifPresent(password -> request.put("password", password));
        ArrayNode tables = request.putArray("tables");
        job.tables().forEach(table -> tables.add(table(table)));
        return JSON.writeValueAsBytes(request);
    }

    private static ObjectNode table(SSTableStreaming.Table table) {
        ObjectNode node = JSON.createObjectNode();
        node.put("directory", table.directory().toAbsolutePath().toString());
        node.put("keyspace", table.keyspace());
        node.put("table", table.table());
        table.repairedRanges().ifPresent(ranges -> {
            ArrayNode pairs = node.putArray("repairedRanges");
            for (List<String> range : ranges) {
                pairs.addArray().add(range.get(0)).add(range.get(1));
            }
        });
        return node;
    }

    /** {@code host:port}, an IPv6 address in brackets; the name as given, never looked up. */
    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
