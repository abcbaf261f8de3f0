package io.lifeboat.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KEYSPACES with tables, RENAME and DATACENTERS as an operator writes them. */
class RestoreNamesTest {

    @Test
    void keyspacesSelectWholeKeyspacesOrSingleTables() {
        KeyspaceFilter filter = KeyspaceFilter.parse("shop metrics.events", true);

        assertTrue(filter.wholeKeyspace("shop"));
        assertTrue(filter.selects("metrics"));
        assertFalse(filter.wholeKeyspace("metrics"));
        assertTrue(filter.selectsTable("metrics", "events"));
        assertFalse(filter.selectsTable("metrics", "other"));
        assertEquals(List.of("events"), filter.tablesOf("metrics"));
        assertEquals(List.of("shop", "metrics.events"), filter.entries(List.of("shop", "metrics")));
        assertTrue(filter.selectsPath("metrics/events/nb-1-big-Data.db"));
        assertFalse(filter.selectsPath("metrics/other/nb-1-big-Data.db"));
        assertFalse(filter.selectsPath("metrics"));
        assertEquals(List.of("metrics.events"), filter.missingFrom(List.of("shop")));
    }

    @Test
    void aFileClusterKeepsDotsInItsFolderNames() {
        KeyspaceFilter filter = KeyspaceFilter.parse("my.data", false);

        assertTrue(filter.wholeKeyspace("my.data"));
        assertEquals(List.of("my.data"), filter.entries(List.of("my.data")));
        assertEquals(List.of(), filter.missingFrom(List.of("my.data")));
    }

    @Test
    void aTableEntryWithTwoDotsIsRefused() {
        ParameterException refused = assertThrows(ParameterException.class, () -> KeyspaceFilter.parse("a.b.c", true));
        assertEquals("KEYSPACES holds 'a.b.c', which is neither a keyspace nor keyspace.table", refused.getMessage());
    }

    @Test
    void renamesKeyspacesAndTablesWithinTheirKeyspace() {
        Renames renames = Renames.parse("shop=shop_restored shop.users=shop_restored.users_old");

        assertEquals("shop_restored", renames.keyspace("shop"));
        assertEquals("metrics", renames.keyspace("metrics"));
        assertEquals("users_old", renames.table("shop", "users"));
        assertEquals("orders", renames.table("shop", "orders"));
        assertEquals(List.of("shop.gone"), Renames.parse("shop.gone=shop.x").unknownIn(Map.of("shop", List.of("users"))));
        assertEquals(renames, Renames.parse(renames.value()));
    }

    @Test
    void refusesRenamesThatCannotBeMade() {
        assertEquals("RENAME: shop.users=other.users moves the table out of its keyspace; a table is restored into shop, where its"
                + " keyspace goes", assertThrows(ParameterException.class, () -> Renames.parse("shop.users=other.users")).getMessage());
        assertEquals("RENAME: 'shop' is not from=to (shop=shop_restored, shop.users=shop.users_old)",
                assertThrows(ParameterException.class, () -> Renames.parse("shop")).getMessage());
        assertEquals("RENAME: two keyspaces are renamed to the same name",
                assertThrows(ParameterException.class, () -> Renames.parse("a=c b=c")).getMessage());
        assertEquals("RENAME: 'a=b-c': b-c is not a keyspace name", assertThrows(ParameterException.class, () -> Renames.parse("a=b-c")).getMessage());
    }

    @Test
    void mapsDataCentres() {
        DatacenterMapping mapping = DatacenterMapping.parse("dc-east=dc-west");

        assertEquals("dc-west", mapping.target("dc-east"));
        assertEquals("dc-north", mapping.target("dc-north"));
        assertEquals("DATACENTERS: two data centres are mapped onto one",
                assertThrows(ParameterException.class, () -> DatacenterMapping.parse("a=c b=c")).getMessage());
    }
}
