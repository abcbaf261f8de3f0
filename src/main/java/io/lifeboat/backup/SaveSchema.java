package io.lifeboat.backup;

import io.lifeboat.kernel.Keyspaces;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.manifest.SchemaEntry;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;
import java.util.Optional;

/**
 * Saves the schema of the keyspaces being backed up as {@code <SNAPSHOT_NAME>/schema.cql}, before the
 * nodes' snapshots, for clusters whose schema lives apart from the data (Cassandra); its manifest entry
 * waits in the {@link #ENTRY} property for the manifest.
 */
final class SaveSchema implements Processor {

    static final String ENTRY = "lifeboatSchemaEntry";

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        List<?> nodes = exchange.getMessage().getMandatoryBody(List.class);
        List<String> keyspaces = Keyspaces.union(nodes.stream().map(node -> ((NodeBackup) node).keyspaces()));
        Optional<byte[]> schema = run.cluster().schema(keyspaces);
        if (schema.isPresent()) {
            String key = StoreLayout.schemaKey(run.snapshot());
            run.store().put(key, schema.get());
            exchange.setProperty(ENTRY, new SchemaEntry(key, schema.get().length, Sha256.of(schema.get())));
        }
    }
}
