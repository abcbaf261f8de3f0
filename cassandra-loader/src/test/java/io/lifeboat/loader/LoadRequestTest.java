package io.lifeboat.loader;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request on stdin: its shape, and that its password shows nowhere else. */
class LoadRequestTest {

    @Test
    void readsTheRequestLifeboatWrites() {
        LoadRequest request = read("""
                {"hosts": ["127.0.0.5:9042", "[::1]:9142"], "storagePort": 7000, "username": "loader", "password": "s3cret",
                 "tables": [{"directory": "/staging/node-2/shop/users", "keyspace": "shop_restored", "table": "users_old",
                             "repairedRanges": [["-9223372036854775808", "-100"], ["5", "77"]]}]}
                """);

        assertEquals(List.of(new InetSocketAddress("127.0.0.5", 9042), new InetSocketAddress("::1", 9142)), request.contactPoints());
        assertEquals(1, request.connections());
        assertEquals("shop_restored.users_old", request.tables().get(0).qualifiedName());
        assertEquals(List.of("5", "77"), request.tables().get(0).repaired().orElseThrow().get(1));
        assertFalse(request.toString().contains("s3cret"), request.toString());
    }

    @Test
    void repairedRangesAreOptional() {
        LoadRequest request = read("""
                {"hosts": ["127.0.0.5:9042"], "storagePort": 7000, "connectionsPerHost": 2,
                 "tables": [{"directory": "/staging/shop/users", "keyspace": "shop", "table": "users"}]}
                """);

        assertTrue(request.tables().get(0).repaired().isEmpty());
        assertTrue(request.user().isEmpty());
        assertEquals(2, request.connections());
    }

    @Test
    void aMalformedRequestIsRefusedWithoutQuotingIt() {
        LoadFailure failure = assertThrows(LoadFailure.class, () -> read("""
                {"hosts": ["127.0.0.5:9042"], "storagePort": 7000, "password": "s3cret", "tables": [ s3cret ]}
                """));

        assertTrue(failure.getMessage().startsWith("the request on stdin is not valid JSON"), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret"), failure.getMessage());
    }

    @Test
    void namesTheFieldOfTheWrongShape() {
        LoadFailure failure = assertThrows(LoadFailure.class, () -> read("""
                {"hosts": ["127.0.0.5:9042"], "storagePort": "seven", "tables": []}
                """));

        assertTrue(failure.getMessage().endsWith(" at storagePort"), failure.getMessage());
    }

    @Test
    void refusesARequestWithoutHostsOrPairs() {
        assertEquals("bad request: no hosts",
                assertThrows(LoadFailure.class, () -> read("{\"hosts\": [], \"storagePort\": 7000, \"tables\": []}")).getMessage());
        assertEquals("bad request: repairedRanges of ks.t must be [start, end] pairs", assertThrows(LoadFailure.class, () -> read("""
                {"hosts": ["h:9042"], "storagePort": 7000,
                 "tables": [{"directory": "/d", "keyspace": "ks", "table": "t", "repairedRanges": [["1"]]}]}
                """)).getMessage());
    }

    private static LoadRequest read(String json) {
        return LoadRequest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
