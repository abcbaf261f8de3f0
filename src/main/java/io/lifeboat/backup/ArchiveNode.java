package io.lifeboat.backup;

import io.lifeboat.archive.DigestingOutputStream;
import io.lifeboat.archive.FileEntry;
import io.lifeboat.archive.NodeArchiveWriter;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.FileListWriter;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.ObjectUpload;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.concurrent.ExecutorService;

/**
 * Writes the node's snapshot (taken in the snapshot phase) as its archive straight into {@code <SNAPSHOT_NAME>/node-<index>.tar.gz} in the
 * store, hashing it on the way, with the list of its files beside it; the body becomes the node's manifest
 * entry. Nothing is staged: a failed upload is aborted, never left half written.
 */
final class ArchiveNode implements Processor {

    // The file list is small next to the archive: one part buffer is all it may hold.
    private static final int LIST_PARTS_IN_FLIGHT = 1;

    private final ExecutorService compressionPool;

    ArchiveNode(ExecutorService compressionPool) {
        this.compressionPool = compressionPool;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        NodeBackup request = exchange.getMessage().getMandatoryBody(NodeBackup.class);
        Node node = request.node();
        NodeSnapshot snapshot = request.snapshotToUpload(run);
        RunProgress.NodeStep step = run.progress().node(node.index());
        step.start(snapshot.dataBytes());
        NodeArchiveWriter writer = new NodeArchiveWriter(run.request().compression(), run.request().compressionLevel(),
                request.compressionThreads(), compressionPool);
        SnapshotStore store = run.store();
        String key = StoreLayout.archiveKey(run.snapshot(), node.index(), run.request().compression().suffix());
        String listKey = StoreLayout.fileListKey(run.snapshot(), node.index());
        try (ObjectUpload upload = store.upload(key); ObjectUpload listUpload = store.upload(listKey, LIST_PARTS_IN_FLIGHT)) {
            DigestingOutputStream archive = new DigestingOutputStream(upload);
            FileListWriter<FileEntry> list = FileListWriter.ofArchive(listUpload);
            writer.write(snapshot.roots(), archive, list::add, step::add);
            upload.complete();
            FileList.Stored files = list.finish(listKey);
            listUpload.complete();
            NodeManifest entry = new NodeManifest(node.index(), key, archive.count(), archive.sha256(), request.keyspaces(), files);
            exchange.getMessage().setBody(new ArchivedNode(node, entry, list.files(), list.dataBytes()));
            step.complete();
        }
    }
}
