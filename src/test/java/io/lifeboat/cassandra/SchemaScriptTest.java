package io.lifeboat.cassandra;

import io.lifeboat.cluster.SchemaChange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A keyspace's DESCRIBE output made again under other names, for other data centres, or only some tables. */
class SchemaScriptTest {

    private static final List<String> SHOP = List.of(
            "CREATE KEYSPACE shop WITH replication = {'class': 'org.apache.cassandra.locator.NetworkTopologyStrategy', 'dc-east': '2'}"
                    + "  AND durable_writes = true;",
            "CREATE TYPE shop.address (\n    street text,\n    city text\n);",
            "CREATE TABLE shop.orders (\n    id int PRIMARY KEY,\n    shipping frozen<address>\n) WITH ID = 5bc52802-de25-35ed-aeab-188eecebb090\n"
                    + "    AND comment = '';",
            "ALTER TABLE shop.orders DROP old USING TIMESTAMP 1700000000000000;",
            "CREATE INDEX orders_by_customer ON shop.orders (shipping);",
            "CREATE TABLE shop.users (\n    id int PRIMARY KEY\n) WITH ID = 6bc52802-de25-35ed-aeab-188eecebb091;");

    @Test
    void makesAKeyspaceAgainAsItWas() {
        List<String> script = SchemaScript.of(change("shop", true, Optional.empty(), Map.of()), SHOP, Set.of(), Map.of());

        assertEquals(List.of(
                "CREATE KEYSPACE \"shop\" WITH replication = {'class': 'org.apache.cassandra.locator.NetworkTopologyStrategy', 'dc-east': '2'}"
                        + "  AND durable_writes = true;",
                "CREATE TYPE \"shop\".address (\n    street text,\n    city text\n);",
                "CREATE TABLE \"shop\".\"orders\" (\n    id int PRIMARY KEY,\n    shipping frozen<address>\n) WITH ID = 5bc52802-de25-35ed-aeab-188eecebb090\n"
                        + "    AND comment = '';",
                "ALTER TABLE \"shop\".\"orders\" DROP old USING TIMESTAMP 1700000000000000;",
                "CREATE INDEX orders_by_customer ON \"shop\".\"orders\" (shipping);",
                "CREATE TABLE \"shop\".\"users\" (\n    id int PRIMARY KEY\n) WITH ID = 6bc52802-de25-35ed-aeab-188eecebb091;"), script);
    }

    @Test
    void aRenamedKeyspaceInAnotherDataCentreLosesItsTableIds() {
        List<String> script = SchemaScript.of(change("shop_restored", true, Optional.empty(), Map.of()), SHOP, Set.of(),
                Map.of("dc-east", "dc-west"));

        assertEquals("CREATE KEYSPACE \"shop_restored\" WITH replication = {'class': 'org.apache.cassandra.locator.NetworkTopologyStrategy',"
                + " 'dc-west': '2'}  AND durable_writes = true;", script.get(0));
        assertEquals("CREATE TABLE \"shop_restored\".\"orders\" (\n    id int PRIMARY KEY,\n    shipping frozen<address>\n) WITH comment = '';",
                script.get(2));
        assertEquals("CREATE TABLE \"shop_restored\".\"users\" (\n    id int PRIMARY KEY\n);", script.get(5));
    }

    @Test
    void aTableRestoredBesideItsOriginalGetsItsIndexesRenamedAndOnlyTheTypesMissing() {
        SchemaChange.KeyspaceChange change = change("shop", false, Optional.of(List.of("orders")), Map.of("orders", "orders_old"));

        List<String> script = SchemaScript.of(change, SHOP, Set.of(), Map.of());

        assertEquals(List.of(
                "CREATE TYPE \"shop\".address (\n    street text,\n    city text\n);",
                "CREATE TABLE \"shop\".\"orders_old\" (\n    id int PRIMARY KEY,\n    shipping frozen<address>\n) WITH comment = '';",
                "ALTER TABLE \"shop\".\"orders_old\" DROP old USING TIMESTAMP 1700000000000000;",
                "CREATE INDEX \"orders_old_orders_by_customer\" ON \"shop\".\"orders_old\" (shipping);"), script);
        assertEquals(List.of(), SchemaScript.typesMade(change, SHOP, Set.of("address")));
        assertEquals(3, SchemaScript.of(change, SHOP, Set.of("address"), Map.of()).size());
    }

    private static SchemaChange.KeyspaceChange change(String target, boolean create, Optional<List<String>> tables, Map<String, String> renamed) {
        return new SchemaChange.KeyspaceChange("shop", target, create, tables, renamed);
    }
}
