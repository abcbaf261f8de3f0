package io.lifeboat.backup;

import io.lifeboat.archive.DigestingOutputStream;
import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.FileListWriter;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.ObjectUpload;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Streams the node's archive into {@code <SNAPSHOT_NAME>/node-<index>.tar.gz}, hashing it on the way, and
 * the list of its files beside it, then records the node's part of the manifest. A failed upload is
 * aborted, never left half written.
 */
final class StoreArchive implements Processor {

    // The list is small next to the archive: one part buffer is all it may hold.
    private static final int LIST_PARTS_IN_FLIGHT = 1;

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        Node node = PlanRun.nodeOf(exchange);
        ArchiveSource archive = exchange.getMessage().getMandatoryBody(ArchiveSource.class);
        SnapshotStore store = run.store();
        String key = StoreLayout.archiveKey(run.snapshot(), node.index(), run.request().compression().suffix());
        String listKey = StoreLayout.fileListKey(run.snapshot(), node.index());
        try (ObjectUpload upload = store.upload(key); ObjectUpload listUpload = store.upload(listKey, LIST_PARTS_IN_FLIGHT)) {
            DigestingOutputStream hashed = new DigestingOutputStream(upload);
            FileListWriter list = new FileListWriter(listUpload);
            archive.writeTo(hashed, list::add);
            upload.complete();
            FileList.Stored files = list.finish(listKey);
            listUpload.complete();
            NodeManifest entry = new NodeManifest(node.index(), key, hashed.count(), hashed.sha256(), run.keyspacesOf(node), files);
            run.recordArchive(new PlanRun.ArchivedNode(entry, list.files(), list.dataBytes()));
            run.progress().node(node.index()).complete();
        }
    }
}
