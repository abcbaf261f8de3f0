package io.lifeboat.restore;

import io.lifeboat.archive.ExpectedFiles;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.cluster.KeyspaceLoad;
import io.lifeboat.cluster.LoadPath;
import io.lifeboat.kernel.Compression;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.ManifestException;
import io.lifeboat.manifest.NodeEntries;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.manifest.SchemaEntry;
import io.lifeboat.manifest.StoredFileList;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreException;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a restore checks before it writes anything: the snapshot is complete and whole, the target can take it (for
 * Cassandra: every node up and agreeing on the schema, the data centres its keyspaces replicate to), and which target
 * node stages and loads each backed-up node's part, by which path ({@link CassandraPlan}), said in the run's notes.
 * The body becomes the target nodes' requests; each node is then claimed, and checked for the names being restored,
 * on its own host ({@link ClaimNode}).
 */
final class RestorePreflight implements Processor {

    /** The exchange property that carries the verified schema of a Cassandra snapshot to the load. */
    static final String SCHEMA = "lifeboatSchema";
    /** The exchange property that carries what the restore adds to the target's schema to the load. */
    static final String SCHEMA_CHANGE = "lifeboatSchemaChange";

    private final LifeboatSettings settings;

    RestorePreflight(LifeboatSettings settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        SnapshotStore store = run.store();
        store.checkReachable();
        String manifestKey = StoreLayout.manifestKey(run.snapshot());
        if (store.size(manifestKey).isEmpty()) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " not found or incomplete in " + store.location().describe());
        }
        Manifest manifest = ManifestCodec.read(manifestKey, store.read(manifestKey));
        Cluster cluster = run.request().cluster();
        String targetType = cluster.type().name().toLowerCase(Locale.ROOT);
        if (!targetType.equals(manifest.clusterType())) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " is of a " + manifest.clusterType() + " cluster; cluster "
                    + cluster.name() + " is of type " + targetType);
        }
        Compression compression = Compression.parse("compression", manifest.compression());
        List<NodeRestore> requests;
        RestoreSelection selection;
        if (cluster.type() == ClusterType.CASSANDRA) {
            CassandraPlan plan = CassandraPlan.of(run, manifest, settings.schemaAgreementTimeout());
            selection = plan.selection();
            requests = RestoreLayout.of(cluster, manifest.nodes(), selection, plan::load, compression, plan.streamTarget());
            plan.notes(requests).forEach(run.progress()::note);
        } else {
            selection = RestoreSelection.of(manifest, run.request(), Set.of());
            requests = RestoreLayout.of(cluster, manifest.nodes(), selection, (node, keyspace) -> new KeyspaceLoad(keyspace.name(),
                    keyspace.target(), LoadPath.MOVE, keyspace.renamedTables(), null), compression, null);
        }
        for (NodeRestore request : requests) {
            for (RestorePart part : request.parts()) {
                checkObjects(store, part.snapshot());
            }
            run.progress().node(request.node().index()).expect(request.expectedBytes());
        }
        if (manifest.schemaEntry().isPresent()) {
            exchange.setProperty(SCHEMA, readSchema(run, manifest.schemaEntry().get()));
        }
        exchange.setProperty(SCHEMA_CHANGE, selection.schemaChange(run.request().datacenters().renames()));
        exchange.getMessage().setBody(requests);
    }

    /**
     * Every object the node's restore reads is in the store at its size, and its file list is intact, before
     * anything is written. The list is small next to the archive: reading it twice is cheap.
     */
    private static void checkObjects(SnapshotStore store, NodeManifest node) throws IOException {
        try {
            store.checkSize(node.object(), node.size());
            if (node.perFile()) {
                try (NodeEntries.Reader entries = NodeEntries.reader(new FileList.Stored(node.object(), node.size(), node.sha256()),
                        store.download(node.object(), 1))) {
                    entries.checkWhole();
                }
            } else if (node.files() instanceof FileList.Stored list) {
                store.checkSize(list.object(), list.size());
                try (ExpectedFiles files = StoredFileList.open(list, store.download(list.object()))) {
                    files.checkWhole();
                }
            }
        } catch (StoreException | ManifestException e) {
            throw new PlanFailedException("node " + node.index() + ": " + e.getMessage(), e);
        }
    }

    /** The schema is small: read whole and checked against the manifest before anything is written. */
    private static byte[] readSchema(PlanRun run, SchemaEntry entry) throws IOException {
        run.store().checkSize(entry.object(), entry.size());
        byte[] schema = run.store().read(entry.object());
        if (schema.length != entry.size() || !Sha256.of(schema).equals(entry.sha256())) {
            throw new PlanFailedException(entry.object() + " does not match the manifest");
        }
        return schema;
    }
}
