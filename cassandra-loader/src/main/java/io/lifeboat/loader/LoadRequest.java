package io.lifeboat.loader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What to stream, as Lifeboat writes it on stdin: one JSON object. The password travels only here, never in
 * arguments or the environment, and {@link #toString()} masks it.
 */
record LoadRequest(List<String> hosts, int storagePort, String username, String password, Integer connectionsPerHost,
                   Long throughput, List<TableRequest> tables) {

    /** One staged table folder and the target names it loads into; {@code repairedRanges} as {@code (start, end]} token pairs. */
    record TableRequest(String directory, String keyspace, String table, List<List<String>> repairedRanges) {

        String qualifiedName() {
            return keyspace + "." + table;
        }

        Optional<List<List<String>>> repaired() {
            return Optional.ofNullable(repairedRanges);
        }
    }

    static LoadRequest read(InputStream in) {
        try {
            return new ObjectMapper().readValue(in, LoadRequest.class).validated();
        } catch (JsonProcessingException e) {
            // Only where it broke: the message of a parse error may quote the input, password included.
            throw new LoadFailure("the request on stdin is not valid JSON of the expected shape" + where(e));
        } catch (IOException e) {
            throw new LoadFailure("cannot read the request on stdin: " + LoadFailure.reason(e));
        }
    }

    /** The CQL contact points, from {@code host:port} or {@code [v6-address]:port}. */
    List<InetSocketAddress> contactPoints() {
        return hosts.stream().map(LoadRequest::contactPoint).toList();
    }

    /** The bytes per second this loader may send, 0 for no limit. */
    long bytesPerSecond() {
        return throughput == null ? 0 : throughput;
    }

    int connections() {
        return connectionsPerHost == null ? 1 : connectionsPerHost;
    }

    Optional<String> user() {
        return Optional.ofNullable(username).filter(name -> !name.isEmpty());
    }

    private LoadRequest validated() {
        require(hosts != null && !hosts.isEmpty(), "no hosts");
        require(storagePort > 0 && storagePort < 65536, "storagePort " + storagePort + " is not a port");
        require(connections() > 0, "connectionsPerHost must be at least 1");
        require(bytesPerSecond() >= 0, "throughput must be 0 (no limit) or more bytes per second");
        require(tables != null, "no tables");
        for (TableRequest table : tables) {
            require(table.directory() != null && table.keyspace() != null && table.table() != null,
                    "a table needs directory, keyspace and table");
            table.repaired().ifPresent(ranges -> require(ranges.stream().allMatch(range -> range.size() == 2),
                    "repairedRanges of " + table.qualifiedName() + " must be [start, end] pairs"));
        }
        contactPoints();
        return this;
    }

    private static InetSocketAddress contactPoint(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        require(colon > 0, "host " + hostAndPort + " is not host:port");
        String host = hostAndPort.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
        try {
            return new InetSocketAddress(host, Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new LoadFailure("host " + hostAndPort + " is not host:port");
        }
    }

    private static String where(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return " at " + mapping.getPath().stream()
                    .map(step -> step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        JsonLocation at = e.getLocation();
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new LoadFailure("bad request: " + problem);
        }
    }

    @Override
    public String toString() {
        return "LoadRequest[hosts=" + hosts + ", storagePort=" + storagePort + ", throughput=" + throughput + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", tables=" + tables + "]";
    }
}
