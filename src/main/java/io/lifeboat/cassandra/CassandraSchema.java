package io.lifeboat.cassandra;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code schema.cql}: the CQL that recreates each keyspace, in blocks that start with {@code -- keyspace: <name>},
 * one statement per paragraph. {@code cqlsh -f schema.cql} runs it as it is; a restore runs only the blocks
 * of the keyspaces it restores.
 */
final class CassandraSchema {

    private static final String MARKER = "-- keyspace: ";

    private CassandraSchema() {
    }

    static byte[] render(Map<String, List<String>> statementsByKeyspace) {
        StringBuilder cql = new StringBuilder("-- Written by Lifeboat: the schema of this snapshot's keyspaces.\n\n");
        statementsByKeyspace.forEach((keyspace, statements) -> {
            cql.append(MARKER).append(keyspace).append("\n\n");
            for (String statement : statements) {
                String trimmed = statement.strip();
                cql.append(trimmed).append(trimmed.endsWith(";") ? "" : ";").append("\n\n");
            }
        });
        return cql.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The statements of each keyspace, in order. */
    static Map<String, List<String>> parse(byte[] schema) {
        Map<String, List<String>> statements = new LinkedHashMap<>();
        List<String> current = null;
        StringBuilder statement = new StringBuilder();
        for (String line : new String(schema, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith(MARKER)) {
                current = statements.computeIfAbsent(line.substring(MARKER.length()).strip(), keyspace -> new ArrayList<>());
                continue;
            }
            if (current == null || (statement.length() == 0 && line.isBlank())) {
                continue;
            }
            statement.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                current.add(statement.toString().strip());
                statement.setLength(0);
            }
        }
        return statements;
    }
}
