package io.lifeboat.archive;

import io.lifeboat.manifest.FileEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Streams folders as a POSIX tar (headers for long names, big sizes and non-ASCII names that plain
 * {@code tar} reads), compressed as chosen, hashing every file on the way; nothing is held beyond small
 * buffers and the compressor's blocks in flight.
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
     * Writes the trees of {@code roots} (each under its archive path, entries sorted) to {@code sink}, leaving the sink open.
     *
     * @param progress told the file bytes written, a buffer at a time
     * @return the regular files written, with their sizes and SHA-256
     */
    public List<FileEntry> write(List<ArchiveRoot> roots, OutputStream sink, LongConsumer progress) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        // The caller completes or aborts the upload behind the sink, so closing the archive must not close it.
        OutputStream unclosable = CloseShieldOutputStream.wrap(sink);
        try (OutputStream compressed = compression.compress(new BufferedOutputStream(unclosable, COPY_BUFFER), level, threads, pool);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(compressed, COPY_BUFFER),
                     StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            byte[] buffer = new byte[COPY_BUFFER];
            Set<String> directoriesWritten = new HashSet<>();
            for (ArchiveRoot root : roots.stream().sorted(Comparator.comparing(ArchiveRoot::path)).toList()) {
                writeParents(tar, root, directoriesWritten);
                for (Path path : sortedTree(root.directory())) {
                    String name = root.path() + "/" + root.directory().relativize(path).toString().replace(File.separatorChar, '/');
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isDirectory()) {
                        writeDirectory(tar, path, name, attributes);
                    } else if (attributes.isSymbolicLink()) {
                        TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                        link.setLinkName(Files.readSymbolicLink(path).toString());
                        tar.putArchiveEntry(link);
                        tar.closeArchiveEntry();
                    } else if (attributes.isRegularFile()) {
                        files.add(writeFile(tar, path, name, attributes, buffer, progress));
                    }
                }
            }
            tar.finish();
        }
        return files;
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

    private static List<Path> sortedTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            return tree.filter(path -> !path.equals(root)).sorted().toList();
        }
    }
}
