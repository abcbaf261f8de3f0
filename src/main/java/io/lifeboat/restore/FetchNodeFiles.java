package io.lifeboat.restore;

import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.archive.StagedTree;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.NodeEntries;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.store.SnapshotStore;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Stages one backed-up node's part of a differential snapshot: its file list read in order, its directories and links
 * made, and its files downloaded many at once and each checked against the list, which is itself checked whole against
 * the manifest. Directories get their times once everything in them is written.
 */
final class FetchNodeFiles {

    private final ExecutorService downloads;
    private final int filesInFlight;

    FetchNodeFiles(ExecutorService downloads, int filesInFlight) {
        this.downloads = downloads;
        this.filesInFlight = filesInFlight;
    }

    /**
     * @param selected which entries to write, by their path ({@code <keyspace>/<table>/...})
     * @param progress told the file bytes staged, a buffer at a time
     */
    StagedPart stage(SnapshotStore store, NodeManifest expected, Predicate<String> selected, Path folder, LongConsumer progress)
            throws IOException {
        StagedTree tree = new StagedTree(folder);
        FileList.Stored list = new FileList.Stored(expected.object(), expected.size(), expected.sha256());
        FileDownloads files = new FileDownloads(store, tree, downloads, filesInFlight, progress);
        try {
            stageEntries(store, list, tree, selected, files);
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
        setDirectoryTimes(store, list, tree, selected);
        return new StagedPart(new NodeArchiveReader.Extracted(files.files(), files.bytes()), expected.size() + files.storedBytes());
    }

    private static void stageEntries(SnapshotStore store, FileList.Stored list, StagedTree tree, Predicate<String> selection, FileDownloads files)
            throws IOException {
        try (NodeEntries.Reader entries = NodeEntries.reader(list, store.download(list.object(), 1))) {
            Optional<NodeEntry> next;
            while ((next = entries.next()).isPresent()) {
                NodeEntry entry = next.get();
                boolean selected = selection.test(entry.path());
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
    private static void setDirectoryTimes(SnapshotStore store, FileList.Stored list, StagedTree tree, Predicate<String> selection)
            throws IOException {
        try (NodeEntries.Reader entries = NodeEntries.reader(list, store.download(list.object(), 1))) {
            Optional<NodeEntry> next;
            while ((next = entries.next()).isPresent()) {
                NodeEntry entry = next.get();
                if (entry.isDirectory() && selection.test(entry.path())) {
                    tree.setTime(entry.path(), FileTime.from(Instant.parse(entry.mtime())));
                }
            }
        }
    }
}
