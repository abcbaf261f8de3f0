package io.lifeboat.cassandra;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CassandraSchemaTest {

    @Test
    void readsBackTheStatementsOfEachKeyspace() {
        Map<String, List<String>> statements = new LinkedHashMap<>();
        statements.put("shop", List.of(
                "CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}  AND durable_writes = true;",
                "CREATE TYPE shop.address (\n    street text,\n    city text\n);",
                "CREATE TABLE shop.orders (\n    id uuid PRIMARY KEY,\n    note text\n) WITH comment = 'a;b'\n    AND gc_grace_seconds = 864000;"));
        statements.put("metrics", List.of("CREATE KEYSPACE metrics WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}"));

        byte[] schema = CassandraSchema.render(statements);

        assertTrue(new String(schema, StandardCharsets.UTF_8).contains("-- keyspace: shop\n\nCREATE KEYSPACE shop"));
        Map<String, List<String>> parsed = CassandraSchema.parse(schema);
        assertEquals(List.of("shop", "metrics"), List.copyOf(parsed.keySet()));
        assertEquals(statements.get("shop"), parsed.get("shop"));
        assertEquals(List.of(statements.get("metrics").get(0) + ";"), parsed.get("metrics"));
    }
}
