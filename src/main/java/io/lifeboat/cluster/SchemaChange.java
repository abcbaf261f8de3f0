package io.lifeboat.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a restore adds to the target's schema before any node loads, keyspace by keyspace, and the target's names of
 * the backed-up data centres (for the replication settings of the keyspaces it creates).
 */
public record SchemaChange(List<KeyspaceChange> keyspaces, Map<String, String> datacenters) {

    public SchemaChange {
        keyspaces = List.copyOf(keyspaces);
        datacenters = Map.copyOf(datacenters);
    }

    /**
     * One backed-up keyspace: the name it gets, whether the keyspace itself is created (else it exists and only
     * tables go into it), the tables created ({@code tables}; empty: every table of the keyspace) and their new names.
     */
    public record KeyspaceChange(String keyspace, String target, boolean createKeyspace, Optional<List<String>> tables,
                                 Map<String, String> renamedTables) {

        public KeyspaceChange {
            tables = tables.map(List::copyOf);
            renamedTables = Map.copyOf(renamedTables);
        }

        /** Whether the table is created: every table when the keyspace is restored whole. */
        public boolean creates(String table) {
            return tables.map(list -> list.contains(table)).orElse(true);
        }

        public String targetTable(String table) {
            return renamedTables.getOrDefault(table, table);
        }
    }
}
