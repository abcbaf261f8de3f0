package io.lifeboat.loader;

import org.apache.cassandra.db.Directories;
import org.apache.cassandra.db.lifecycle.LifecycleTransaction;
import org.apache.cassandra.io.sstable.Component;
import org.apache.cassandra.io.sstable.Descriptor;
import org.apache.cassandra.io.sstable.SSTable;
import org.apache.cassandra.io.sstable.format.SSTableFormat.Components;
import org.apache.cassandra.io.sstable.format.SSTableReader;
import org.apache.cassandra.io.util.File;
import org.apache.cassandra.schema.TableMetadataRef;
import org.apache.cassandra.utils.Pair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SSTables staged in one table folder, opened for streaming under the target's keyspace and table names (the
 * folder's own names do not count). Secondary-index subfolders ({@code .<index>/}) are not read: the receiving
 * nodes build their indexes from the rows they get.
 */
final class StagedSSTables implements AutoCloseable {

    private final List<SSTableReader> readers;

    private StagedSSTables(List<SSTableReader> readers) {
        this.readers = readers;
    }

    static StagedSSTables open(Path directory, String keyspace, String table, TableMetadataRef metadata) {
        if (!Files.isDirectory(directory)) {
            throw new LoadFailure("no folder " + directory + " to stream into " + keyspace + "." + table);
        }
        List<SSTableReader> readers = new ArrayList<>();
        StagedSSTables staged = new StagedSSTables(readers);
        try {
            // Lists the folder as Cassandra does at start-up: files of an unfinished transaction are left out.
            LifecycleTransaction.getFiles(directory, (file, type) -> {
                dataFile(file, type, keyspace, table).ifPresent(descriptor -> readers.add(openForStreaming(descriptor, metadata)));
                return false;
            }, Directories.OnTxnErr.THROW);
            return staged;
        } catch (RuntimeException | Error e) {
            staged.close();
            throw e;
        }
    }

    List<SSTableReader> readers() {
        return readers;
    }

    private static Optional<Descriptor> dataFile(File file, Directories.FileType type, String keyspace, String table) {
        if (type != Directories.FileType.FINAL) {
            return Optional.empty();
        }
        Pair<Descriptor, Component> parsed = SSTable.tryComponentFromFilename(file, keyspace, table);
        return parsed != null && parsed.right.equals(Components.DATA) ? Optional.of(parsed.left) : Optional.empty();
    }

    /** Opened without Bloom filters, as sstableloader does; an SSTable missing a component fails rather than being skipped. */
    private static SSTableReader openForStreaming(Descriptor descriptor, TableMetadataRef metadata) {
        Set<Component> primary = descriptor.getFormat().primaryComponents();
        for (Component component : primary) {
            if (!descriptor.fileFor(component).exists()) {
                throw new LoadFailure(descriptor.fileFor(Components.DATA) + " has no " + component.name + " component beside it");
            }
        }
        Set<Component> components = descriptor.getComponents(primary, descriptor.getFormat().uploadComponents());
        return SSTableReader.openForBatch(null, descriptor, components, metadata);
    }

    /** Releases the readers; the parts being streamed hold references of their own until they are sent. */
    @Override
    public void close() {
        readers.forEach(reader -> reader.selfRef().release());
    }
}
