package io.lifeboat.backup;

import io.lifeboat.kernel.Sha256;
import io.lifeboat.manifest.SchemaEntry;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Saves the schema of the keyspaces being backed up as {@code <SNAPSHOT_NAME>/schema.cql}, before the
 * nodes' snapshots, for clusters whose schema lives apart from the data (Cassandra).
 */
final class SaveSchema implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        TreeSet<String> keyspaces = new TreeSet<>();
        run.nodes().forEach(node -> keyspaces.addAll(run.keyspacesOf(node)));
        Optional<byte[]> schema = run.cluster().schema(List.copyOf(keyspaces));
        if (schema.isPresent()) {
            String key = StoreLayout.schemaKey(run.snapshot());
            run.store().put(key, schema.get());
            run.setSchema(schema.get(), new SchemaEntry(key, schema.get().length, Sha256.of(schema.get())));
        }
    }
}
