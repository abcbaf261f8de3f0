package io.lifeboat.archive;

import io.lifeboat.cluster.ArchiveRoot;
import io.lifeboat.cluster.Links;
import io.lifeboat.kernel.Compression;
import io.lifeboat.kernel.Sha256;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.io.function.IOConsumer;
import org.apache.commons.io.output.CloseShieldOutputStream;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;

/**
 * Streams folders as a POSIX tar (headers for long names, big sizes and non-ASCII names that plain
 * {@code tar} reads), compressed as chosen, hashing every file on the way. Nothing is held beyond small
 * buffers and the compressor's blocks in flight: the trees are walked depth first as the file system lists
 * them, and each file's entry is handed on as soon as it is written, so memory does not grow with the file count.
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
            Set<String> directoriesWritten = new HashSet<>();
            for (ArchiveRoot root : roots.stream().sorted(Comparator.comparing(ArchiveRoot::path)).toList()) {
                writeParents(tar, root, directoriesWritten);
                Files.walkFileTree(root.directory(), new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                        if (!dir.equals(root.directory())) {
                            writeDirectory(tar, dir, name(root, dir), attributes);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        String name = name(root, file);
                        if (attributes.isSymbolicLink()) {
                            writeLink(tar, file, name);
                        } else if (attributes.isRegularFile()) {
                            files.accept(writeFile(tar, file, name, attributes, buffer, progress));
                        } else {
                            throw new IOException(name + " is a special file (FIFO, socket or device), which a backup cannot save;"
                                    + " move it out of the data directory");
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            tar.finish();
        }
    }

    private static String name(ArchiveRoot root, Path path) {
        return root.path() + "/" + root.directory().relativize(path).toString().replace(File.separatorChar, '/');
    }

    /** The root's own directory and those above it, each once: {@code ks1/} before {@code ks1/users/}. */
    private static void writeParents(TarArchiveOutputStream tar, ArchiveRoot root, Set<String> written) throws IOException {
        String[] segments = root.path().split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append(i == 0 ? "" : "/").append(segments[i]);
            if (written.add(path.toString())) {
                // A parent may exist only in the archive (a Cassandra keyspace above its tables): it takes the root's times and mode.
                writeDirectory(tar, root.directory(), path.toString(), Files.readAttributes(root.directory(), BasicFileAttributes.class));
            }
        }
    }

    private static void writeDirectory(TarArchiveOutputStream tar, Path path, String name, BasicFileAttributes attributes) throws IOException {
        tar.putArchiveEntry(entry(path, name + "/", attributes));
        tar.closeArchiveEntry();
    }

    /** A link is kept only when a restore will accept it: relative, and pointing inside the node. */
    private static void writeLink(TarArchiveOutputStream tar, Path path, String name) throws IOException {
        String target = Files.readSymbolicLink(path).toString();
        if (!Links.staysInside(name, target)) {
            throw new IOException(name + " is a link to " + target + ", outside the node, which a restore would refuse");
        }
        TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(target);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
    }

    private static FileEntry writeFile(TarArchiveOutputStream tar, Path path, String name, BasicFileAttributes attributes,
                                       byte[] buffer, LongConsumer progress) throws IOException {
        long size = attributes.size();
        TarArchiveEntry entry = entry(path, name, attributes);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        MessageDigest digest = Sha256.newDigest();
        long remaining = size;
        try (InputStream in = Files.newInputStream(path)) {
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new IOException(name + " shrank while it was being archived");
                }
                tar.write(buffer, 0, read);
                digest.update(buffer, 0, read);
                remaining -= read;
                progress.accept(read);
            }
        }
        tar.closeArchiveEntry();
        return new FileEntry(name, size, Sha256.hex(digest));
    }

    private static TarArchiveEntry entry(Path path, String name, BasicFileAttributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setModTime(attributes.lastModifiedTime());
        entry.setMode(FileModes.of(path, attributes.isDirectory()));
        return entry;
    }
}
