package io.lifeboat.restore;

import io.lifeboat.archive.ExpectedFiles;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.Compression;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.Keyspaces;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a restore checks in the store before it asks the nodes anything: the snapshot is complete and whole,
 * and the target cluster has its nodes. The body becomes the nodes' requests; each node is then claimed, and
 * checked for the keyspaces being restored, on its own host ({@link ClaimNode}).
 */
final class RestorePreflight implements Processor {

    /** The exchange property that carries the verified schema of a Cassandra snapshot to the load. */
    static final String SCHEMA = "lifeboatSchema";

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
        KeyspaceFilter filter = run.request().keyspaces();
        String targetType = cluster.type().name().toLowerCase(Locale.ROOT);
        if (!targetType.equals(manifest.clusterType())) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " is of a " + manifest.clusterType() + " cluster; cluster "
                    + cluster.name() + " is of type " + targetType);
        }

        List<String> unknown = filter.missingFrom(manifest.keyspaces());
        if (!unknown.isEmpty()) {
            throw new PlanFailedException("keyspace " + String.join(", ", unknown) + " is not in snapshot " + run.snapshot()
                    + " (it holds " + String.join(", ", manifest.keyspaces()) + ")");
        }
        if (cluster.type() == ClusterType.CASSANDRA && cluster.nodes().size() != manifest.nodes().size()) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " has " + manifest.nodes().size() + " nodes and cluster "
                    + cluster.name() + " has " + cluster.nodes().size() + ": Cassandra restores import node i's SSTables into node i,"
                    + " which needs the same token ownership; load another topology with sstableloader");
        }
        Compression compression = Compression.parse("compression", manifest.compression());
        List<String> restoring = Keyspaces.union(manifest.nodes().stream()
                .map(node -> node.keyspaces().stream().filter(filter::selects).toList()));
        List<NodeRestore> requests = new ArrayList<>();
        for (NodeManifest nodeManifest : manifest.nodes()) {
            Node node = cluster.node(nodeManifest.index()).orElseThrow(() -> new PlanFailedException("cluster " + cluster.name()
                    + " has no node " + nodeManifest.index() + ", which snapshot " + run.snapshot() + " holds ("
                    + manifest.nodes().size() + " nodes)"));
            List<String> keyspaces = nodeManifest.keyspaces().stream().filter(filter::selects).toList();
            requests.add(new NodeRestore(node, keyspaces, nodeManifest, compression, restoring));
            checkObjects(store, nodeManifest);
            run.progress().node(node.index()).expect(nodeManifest.files() instanceof FileList.PerFileObjects files ? files.dataBytes()
                    : nodeManifest.size());
        }
        if (manifest.schemaEntry().isPresent()) {
            exchange.setProperty(SCHEMA, readSchema(run, manifest.schemaEntry().get()));
        }
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
