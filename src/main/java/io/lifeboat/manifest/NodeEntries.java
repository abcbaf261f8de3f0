package io.lifeboat.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** The file list of a node in a differential snapshot, read one {@link NodeEntry} at a time (written by {@link FileListWriter#ofEntries}). */
public final class NodeEntries {

    private NodeEntries() {
    }

    /** Reads the list described by {@code list} from {@code object}, its bytes in the store. */
    public static Reader reader(FileList.Stored list, InputStream object) throws IOException {
        return new Reader(new JsonLinesReader<>(list, object, NodeEntry.class, NodeEntry::problem));
    }

    /** Reads entries in order; {@link #checkWhole()}, at any point, reads the rest and says whether the list is as the manifest describes it. */
    public static final class Reader implements AutoCloseable {

        private final JsonLinesReader<NodeEntry> lines;

        private Reader(JsonLinesReader<NodeEntry> lines) {
            this.lines = lines;
        }

        public Optional<NodeEntry> next() throws IOException {
            return lines.next();
        }

        public void checkWhole() throws IOException {
            lines.checkWhole();
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
