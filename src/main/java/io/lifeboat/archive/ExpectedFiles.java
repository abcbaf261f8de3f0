package io.lifeboat.archive;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The files a node archive must hold, one at a time and in archive order, so a restore checks each entry
 * against the next one listed and never holds the whole list.
 */
public interface ExpectedFiles extends AutoCloseable {

    /** The next file the archive must hold, or empty at the end of the list. */
    Optional<FileEntry> next() throws IOException;

    /**
     * After the last entry, or when the archive disagrees with the list: the list itself was whole and as the
     * manifest describes it.
     *
     * @throws DamagedException when it was not
     */
    void checkWhole() throws IOException;

    @Override
    default void close() throws IOException {
    }

    /** A list held in memory (format 1 manifests list every file inline). */
    static ExpectedFiles inline(List<FileEntry> files) {
        Iterator<FileEntry> iterator = files.iterator();
        return new ExpectedFiles() {
            @Override
            public Optional<FileEntry> next() {
                return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
            }

            @Override
            public void checkWhole() {
            }
        };
    }
}
