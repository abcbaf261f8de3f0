package io.lifeboat.archive;

import io.lifeboat.cluster.ArchiveRoot;
import io.lifeboat.kernel.Compression;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.io.function.IOConsumer;
import org.apache.commons.io.output.CloseShieldOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;

/**
 * Streams folders as a POSIX tar (headers for long names, big sizes and non-ASCII names that plain
 * {@code tar} reads), compressed as chosen, hashing every file on the way. Nothing is held beyond small
 * buffers, the compressor's blocks in flight and one directory's names: the trees are walked depth first
 * ({@link SortedTree}), and each file's entry is handed on as soon as it is written.
 */
public final class NodeArchiveWriter {

    private static final int COPY_BUFFER = 64 * 1024;

    private final Compression compression;
    private final int level;
    private final int threads;
    private final ExecutorService pool;

    /** @param threads the cores compression may use for this archive; {@code pool} runs parallel gzip's blocks */
    public NodeArchiveWriter(Compression compression, int level, int threads, ExecutorService pool) {
        this.compression = compression;
        this.level = level;
        this.threads = threads;
        this.pool = pool;
    }

    /**
     * Writes the trees of {@code roots}, each under its archive path, to {@code sink}, leaving the sink open.
     * A link that a restore would refuse or a special file (FIFO, socket, device) fails the archive, naming it.
     *
     * @param files    told every regular file written, with its size and SHA-256, in archive order
     * @param progress told the file bytes written, a buffer at a time
     */
    public void write(List<ArchiveRoot> roots, OutputStream sink, IOConsumer<FileEntry> files, LongConsumer progress) throws IOException {
        // The caller completes or aborts the upload behind the sink, so closing the archive must not close it.
        OutputStream unclosable = CloseShieldOutputStream.wrap(sink);
        try (OutputStream compressed = CompressionStreams.compress(compression, new BufferedOutputStream(unclosable, COPY_BUFFER), level, threads, pool);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(compressed, COPY_BUFFER),
                     StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            byte[] buffer = new byte[COPY_BUFFER];
            SortedTree.walk(roots, item -> {
                switch (item.kind()) {
                    case DIRECTORY -> putEntry(tar, directoryEntry(item));
                    case LINK -> putEntry(tar, linkEntry(item));
                    case FILE -> files.accept(writeFile(tar, item, buffer, progress));
                }
            });
            tar.finish();
        }
    }

    private static void putEntry(TarArchiveOutputStream tar, TarArchiveEntry entry) throws IOException {
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry directoryEntry(TreeItem item) {
        return entry(item.name() + "/", item);
    }

    private static TarArchiveEntry linkEntry(TreeItem item) {
        TarArchiveEntry link = new TarArchiveEntry(item.name(), TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(item.linkTarget());
        return link;
    }

    private static FileEntry writeFile(TarArchiveOutputStream tar, TreeItem item, byte[] buffer, LongConsumer progress) throws IOException {
        TarArchiveEntry entry = entry(item.name(), item);
        entry.setSize(item.size());
        tar.putArchiveEntry(entry);
        FileEntry written = FileCopy.copy(item, tar, buffer, progress);
        tar.closeArchiveEntry();
        return written;
    }

    private static TarArchiveEntry entry(String name, TreeItem item) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setModTime(item.modified());
        entry.setMode(item.mode());
        return entry;
    }
}
