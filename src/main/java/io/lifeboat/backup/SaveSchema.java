package io.lifeboat.backup;

import io.lifeboat.cluster.Topology;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.Keyspaces;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.manifest.SchemaEntry;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saves the schema of the keyspaces being backed up as {@code <SNAPSHOT_NAME>/schema.cql}, before the nodes'
 * snapshots, for clusters whose schema lives apart from the data (Cassandra), and reads the cluster's ring and the
 * tables being backed up; all of it waits in the {@link #SAVED} property for the manifest.
 */
final class SaveSchema implements Processor {

    static final String SAVED = "lifeboatSavedSchema";

    /** What the manifest records of the cluster beside its nodes: the schema object, the ring and the tables (Cassandra). */
    record Saved(SchemaEntry entry, Topology ring, Map<String, List<String>> tables) {
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        List<?> nodes = exchange.getMessage().getMandatoryBody(List.class);
        List<String> keyspaces = Keyspaces.union(nodes.stream().map(node -> ((NodeBackup) node).keyspaces()));
        Optional<Topology> ring = run.cluster().topology(keyspaces);
        Map<String, List<String>> tables = ring.isPresent() ? tablesBackedUp(run, keyspaces) : null;
        Optional<byte[]> schema = run.cluster().schema(keyspaces);
        SchemaEntry entry = null;
        if (schema.isPresent()) {
            String key = StoreLayout.schemaKey(run.snapshot());
            run.store().put(key, schema.get());
            entry = new SchemaEntry(key, schema.get().length, Sha256.of(schema.get()));
        }
        exchange.setProperty(SAVED, new Saved(entry, ring.orElse(null), tables));
    }

    /** The tables of each keyspace the filter takes; a table asked for by name that the keyspace lacks fails the backup. */
    private static Map<String, List<String>> tablesBackedUp(PlanRun run, List<String> keyspaces) throws IOException {
        KeyspaceFilter filter = run.request().keyspaces();
        Map<String, List<String>> existing = run.cluster().tables(keyspaces);
        Map<String, List<String>> selected = new LinkedHashMap<>();
        for (String keyspace : keyspaces) {
            List<String> tables = existing.getOrDefault(keyspace, List.of());
            for (String named : filter.tablesOf(keyspace)) {
                if (!tables.contains(named)) {
                    throw new PlanFailedException("table " + keyspace + "." + named + " is not in keyspace " + keyspace + " (it has "
                            + (tables.isEmpty() ? "no table" : String.join(", ", tables)) + ")");
                }
            }
            selected.put(keyspace, tables.stream().filter(table -> filter.selectsTable(keyspace, table)).toList());
        }
        return selected;
    }
}
