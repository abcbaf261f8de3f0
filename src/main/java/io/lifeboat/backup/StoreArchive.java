package io.lifeboat.backup;

import io.lifeboat.archive.DigestingOutputStream;
import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.FileEntry;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.ObjectUpload;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;

/**
 * Streams the node's archive into {@code <SNAPSHOT_NAME>/node-<index>.tar.gz}, hashing it on the way,
 * and records the node's part of the manifest. A failed upload is aborted, never left half written.
 */
final class StoreArchive implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        Node node = PlanRun.nodeOf(exchange);
        ArchiveSource archive = exchange.getMessage().getMandatoryBody(ArchiveSource.class);
        String key = StoreLayout.archiveKey(run.snapshot(), node.index(), run.request().compression().suffix());
        try (ObjectUpload upload = run.store().upload(key)) {
            DigestingOutputStream hashed = new DigestingOutputStream(upload);
            List<FileEntry> files = archive.writeTo(hashed);
            upload.complete();
            run.recordArchive(new NodeManifest(node.index(), key, hashed.count(), hashed.sha256(), run.keyspacesOf(node), files));
            run.progress().node(node.index()).complete();
        }
    }
}
