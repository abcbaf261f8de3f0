package io.lifeboat.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.cluster.Topology;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The manifest's {@code ring} (format 4): the ring a Cassandra snapshot was taken from, and the replication settings
 * of its keyspaces; and its {@code tables}, the tables of each keyspace the snapshot holds.
 */
final class RingCodec {

    private RingCodec() {
    }

    static void write(ObjectNode root, Topology ring, Map<String, List<String>> tables) {
        ObjectNode json = root.putObject("ring");
        json.put("partitioner", ring.partitioner());
        for (Topology.Member member : ring.members()) {
            ObjectNode node = json.withArray("nodes").addObject();
            member.index().ifPresentOrElse(index -> node.put("index", index), () -> node.putNull("index"));
            node.put("hostId", member.hostId());
            node.put("address", member.address());
            node.put("datacenter", member.datacenter());
            node.put("rack", member.rack());
            node.put("numTokens", member.numTokens());
            member.tokens().forEach(node.putArray("tokens")::add);
            node.put("cassandraVersion", member.cassandraVersion());
            node.put("nativeAddress", member.nativeAddress());
            node.put("nativePort", member.nativePort());
            node.put("storagePort", member.storagePort());
        }
        ObjectNode replication = json.putObject("replication");
        new TreeMap<>(ring.replication()).forEach((keyspace, settings) -> new TreeMap<>(settings).forEach(replication.putObject(keyspace)::put));
        ObjectNode tablesJson = root.putObject("tables");
        new TreeMap<>(tables).forEach((keyspace, names) -> names.forEach(tablesJson.putArray(keyspace)::add));
    }

    static Topology readRing(ManifestFields fields, JsonNode root) throws ManifestException {
        JsonNode ring = root.get("ring");
        if (ring == null || !ring.isObject()) {
            throw fields.invalid("ring is missing (format 4 records the ring of a Cassandra snapshot)");
        }
        List<Topology.Member> members = new ArrayList<>();
        JsonNode nodes = fields.array(ring, "nodes", "ring");
        for (int i = 0; i < nodes.size(); i++) {
            members.add(member(fields, nodes.get(i), "ring.nodes[" + i + "]"));
        }
        return new Topology(fields.text(ring, "partitioner", "ring"), members, replication(fields, ring));
    }

    private static Topology.Member member(ManifestFields fields, JsonNode node, String where) throws ManifestException {
        Optional<Integer> index = node.hasNonNull("index") ? Optional.of(fields.integer(node, "index", where)) : Optional.empty();
        List<String> tokens = fields.texts(node, "tokens", where);
        if (tokens.size() != fields.integer(node, "numTokens", where)) {
            throw fields.invalid(where + " lists " + tokens.size() + " tokens but has numTokens " + node.get("numTokens"));
        }
        return new Topology.Member(index, fields.text(node, "hostId", where), fields.text(node, "address", where),
                fields.text(node, "datacenter", where), fields.text(node, "rack", where), tokens, fields.text(node, "cassandraVersion", where),
                fields.text(node, "nativeAddress", where), fields.integer(node, "nativePort", where), fields.integer(node, "storagePort", where));
    }

    private static Map<String, Map<String, String>> replication(ManifestFields fields, JsonNode ring) throws ManifestException {
        JsonNode replication = ring.get("replication");
        if (replication == null || !replication.isObject()) {
            throw fields.invalid("ring.replication is missing");
        }
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> keyspaces = replication.fields(); keyspaces.hasNext(); ) {
            Map.Entry<String, JsonNode> keyspace = keyspaces.next();
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> entries = keyspace.getValue().fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                values.put(entry.getKey(), entry.getValue().asText());
            }
            settings.put(keyspace.getKey(), values);
        }
        return settings;
    }

    static Map<String, List<String>> readTables(ManifestFields fields, JsonNode root) throws ManifestException {
        JsonNode tables = root.get("tables");
        if (tables == null || !tables.isObject()) {
            throw fields.invalid("tables is missing (format 4 lists the tables of each keyspace)");
        }
        Map<String, List<String>> byKeyspace = new LinkedHashMap<>();
        for (Iterator<String> keyspaces = tables.fieldNames(); keyspaces.hasNext(); ) {
            String keyspace = keyspaces.next();
            byKeyspace.put(keyspace, fields.texts(tables, keyspace, "tables"));
        }
        return byKeyspace;
    }
}
