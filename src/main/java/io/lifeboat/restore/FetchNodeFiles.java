package io.lifeboat.restore;

import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.archive.StagedTree;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.NodeEntries;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Stages one node of a differential snapshot: its file list read in order, its directories and links made, and
 * its files downloaded many at once and each checked against the list, which is itself checked whole against the
 * manifest. Directories get their times once everything in them is written. The body becomes what was staged.
 */
final class FetchNodeFiles implements Processor {

    private final ExecutorService downloads;
    private final int filesInFlight;

    FetchNodeFiles(ExecutorService downloads, int filesInFlight) {
        this.downloads = downloads;
        this.filesInFlight = filesInFlight;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        NodeRestore request = exchange.getMessage().getMandatoryBody(NodeRestore.class);
        // A stop asked for while the node waited its turn: it does not start.
        run.progress().throwIfStopRequested();
        NodeManifest expected = request.snapshot();
        Staging staging = Staging.open(run, request.node());
        RunProgress.NodeStep step = run.progress().node(request.node().index());
        step.start(((FileList.PerFileObjects) expected.files()).dataBytes());
        StagedTree tree = new StagedTree(staging.folder());
        Set<String> keyspaces = Set.copyOf(request.keyspaces());
        SnapshotStore store = run.store();
        FileList.Stored list = new FileList.Stored(expected.object(), expected.size(), expected.sha256());
        FileDownloads files = new FileDownloads(store, tree, downloads, filesInFlight, step::add);
        try {
            stageEntries(store, list, tree, keyspaces, files);
        } catch (IOException | RuntimeException e) {
            // No download may go on writing once the node has failed; its own failure, if any, is the lesser one.
            try {
                files.finish();
            } catch (IOException | RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        files.finish();
        setDirectoryTimes(store, list, tree, keyspaces);
        exchange.getMessage().setBody(new RestoredNode(request.node(), request.keyspaces(),
                new NodeArchiveReader.Extracted(files.files(), files.bytes()), expected.size() + files.storedBytes()));
        step.complete();
    }

    private static void stageEntries(SnapshotStore store, FileList.Stored list, StagedTree tree, Set<String> keyspaces, FileDownloads files)
            throws IOException {
        try (NodeEntries.Reader entries = NodeEntries.reader(list, store.download(list.object(), 1))) {
            Optional<NodeEntry> next;
            while ((next = entries.next()).isPresent()) {
                NodeEntry entry = next.get();
                boolean selected = keyspaces.contains(StagedTree.keyspaceOf(entry.path()));
                if (entry.isDirectory() && selected) {
                    tree.directory(entry.path(), entry.mode());
                } else if (entry.isLink()) {
                    tree.link(entry.path(), entry.target(), selected);
                } else if (entry.isFile() && selected) {
                    files.add(entry);
                }
            }
            entries.checkWhole();
        }
    }

    /** Every entry is in place: setting a directory's time now is final, in whatever order. */
    private static void setDirectoryTimes(SnapshotStore store, FileList.Stored list, StagedTree tree, Set<String> keyspaces)
            throws IOException {
        try (NodeEntries.Reader entries = NodeEntries.reader(list, store.download(list.object(), 1))) {
            Optional<NodeEntry> next;
            while ((next = entries.next()).isPresent()) {
                NodeEntry entry = next.get();
                if (entry.isDirectory() && keyspaces.contains(StagedTree.keyspaceOf(entry.path()))) {
                    tree.setTime(entry.path(), FileTime.from(Instant.parse(entry.mtime())));
                }
            }
        }
    }
}
