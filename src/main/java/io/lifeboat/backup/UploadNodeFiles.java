package io.lifeboat.backup;

import io.lifeboat.archive.SortedTree;
import io.lifeboat.archive.TreeItem;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.FileListWriter;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.ObjectUpload;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.concurrent.ExecutorService;

/**
 * A differential backup's upload of one node: the node's snapshot walked in order, every file the base snapshot
 * holds unchanged referred to, every other file uploaded as an object of its own, and the node's file list
 * (every entry, with the object of each file) written as the node's object. The body becomes the node's manifest
 * entry. A failed node leaves no file list; the objects it uploaded are referred to by no manifest.
 */
final class UploadNodeFiles implements Processor {

    // The file list is small next to the data: one part buffer is all it may hold.
    private static final int LIST_PARTS_IN_FLIGHT = 1;

    private final LifeboatSettings settings;
    private final ExecutorService uploads;

    /** @param uploads where the files of every node being uploaded go up, {@code lifeboat.files-in-flight} per node */
    UploadNodeFiles(LifeboatSettings settings, ExecutorService uploads) {
        this.settings = settings;
        this.uploads = uploads;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        NodeBackup request = exchange.getMessage().getMandatoryBody(NodeBackup.class);
        Node node = request.node();
        NodeSnapshot snapshot = request.snapshotToUpload(run);
        RunProgress.NodeStep step = run.progress().node(node.index());
        step.start(snapshot.dataBytes());
        SnapshotStore store = run.store();
        String listKey = StoreLayout.fileListKey(run.snapshot(), node.index());
        FileUploads.Target target = new FileUploads.Target(store, request.filesPrefix(), run.request().compression(),
                run.request().compressionLevel(), settings.partSizeBytes(), store.encryptionKeyId(run.snapshot().value()).isPresent());
        try (ObjectUpload listUpload = store.upload(listKey, LIST_PARTS_IN_FLIGHT);
             PreviousFiles previous = PreviousFiles.open(store, request.previous())) {
            FileListWriter<NodeEntry> list = FileListWriter.ofEntries(listUpload);
            try (FileUploads files = new FileUploads(target, uploads, settings.filesInFlight(), settings.partsInFlight(), step::add, list::add)) {
                SortedTree.walk(snapshot.roots(), item -> files.add(item, item.kind() == TreeItem.Kind.FILE
                        ? previous.unchanged(item).orElse(null) : null));
                files.finish();
                FileList.Stored written = list.finish(listKey);
                listUpload.complete();
                NodeManifest entry = new NodeManifest(node.index(), listKey, written.size(), written.sha256(), request.keyspaces(),
                        new FileList.PerFileObjects(list.files(), list.dataBytes(), files.uploadedFiles(), files.uploadedBytes()));
                exchange.getMessage().setBody(new ArchivedNode(node, entry, list.files(), list.dataBytes()));
            }
        }
        step.complete();
    }
}
