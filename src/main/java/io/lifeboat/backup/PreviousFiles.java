package io.lifeboat.backup;

import io.lifeboat.archive.DamagedException;
import io.lifeboat.archive.PathOrder;
import io.lifeboat.archive.TreeItem;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.NodeEntries;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.store.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * A node's file list in the base snapshot, read alongside the walk of the node's tree: both come in {@link PathOrder},
 * so each file is matched in one pass, holding one entry of the list at a time.
 */
final class PreviousFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PreviousFiles.class);

    private final NodeEntries.Reader reader;
    private NodeEntry current;

    private PreviousFiles(NodeEntries.Reader reader) throws IOException {
        this.reader = reader;
        this.current = reader == null ? null : reader.next().orElse(null);
    }

    /**
     * The list, once it has read whole as the base manifest describes it; a damaged list is no base (every file is then
     * uploaded again), never a source of wrong entries.
     */
    static PreviousFiles open(SnapshotStore store, FileList.Stored list) throws IOException {
        if (list == null) {
            return new PreviousFiles(null);
        }
        try (NodeEntries.Reader check = NodeEntries.reader(list, store.download(list.object(), 1))) {
            check.checkWhole();
        } catch (DamagedException e) {
            LOG.warn("{}; its files are uploaded again", e.getMessage());
            return new PreviousFiles(null);
        }
        return new PreviousFiles(NodeEntries.reader(list, store.download(list.object(), 1)));
    }

    /** The base's entry for {@code file} when the file is unchanged since: same path, size and modification time. */
    Optional<NodeEntry> unchanged(TreeItem file) throws IOException {
        while (current != null && PathOrder.compare(current.path(), file.name()) < 0) {
            current = reader.next().orElse(null);
        }
        if (current == null || !current.isFile() || !current.path().equals(file.name()) || current.size() != file.size()
                || !current.mtime().equals(file.modified().toInstant().toString())) {
            return Optional.empty();
        }
        return Optional.of(current.withMode(file.mode()));
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
