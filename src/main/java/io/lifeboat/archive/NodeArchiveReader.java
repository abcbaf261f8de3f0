package io.lifeboat.archive;

import io.lifeboat.kernel.Compression;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.Sha256;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Streams a node archive into a staging folder, checking every file and the whole object against the
 * manifest on the way. Files are checked one by one against the next entry of the file list, which is in
 * archive order, so memory does not grow with the file count. Extraction never leaves the staging folder;
 * the caller moves keyspaces into place only after {@link #extract} returned, that is after the archive
 * verified whole.
 */
public final class NodeArchiveReader {

    private static final int COPY_BUFFER = 64 * 1024;

    /** What the archive held, of the keyspaces written out. */
    public record Extracted(long files, long dataBytes) {
    }

    /** The archive object as the manifest describes it. */
    public record ArchiveObject(String key, long size, String sha256) {
    }

    private final ArchiveObject expected;
    private final Compression compression;
    private final Predicate<String> selection;
    private final Path staging;
    private final LongConsumer progress;
    private final byte[] buffer = new byte[COPY_BUFFER];
    // Directories still being filled, outermost first: their times are set once the archive leaves them.
    private final Deque<OpenDirectory> openDirectories = new ArrayDeque<>();
    private long filesWritten;
    private long bytesWritten;

    private record OpenDirectory(Path path, FileTime time) {
    }

    /**
     * @param keyspaces the keyspaces to write; the others are read and checked but not written
     * @param staging   an empty folder on the node's file system
     * @param progress  told the archive bytes read from the store, a buffer at a time
     */
    public NodeArchiveReader(ArchiveObject expected, Compression compression, Set<String> keyspaces, Path staging, LongConsumer progress) {
        this(expected, compression, inKeyspaces(Set.copyOf(keyspaces)), staging, progress);
    }

    /**
     * @param selection which entries to write, by their path in the archive ({@code <keyspace>/<table>/...}); the others are
     *                  read and checked but not written
     */
    public NodeArchiveReader(ArchiveObject expected, Compression compression, Predicate<String> selection, Path staging,
                             LongConsumer progress) {
        this.expected = expected;
        this.compression = compression;
        this.selection = selection;
        this.staging = staging.toAbsolutePath().normalize();
        this.progress = progress;
    }

    /** Entries of the given keyspaces, whatever table they are in. */
    public static Predicate<String> inKeyspaces(Set<String> keyspaces) {
        return name -> keyspaces.contains(name.split("/", 2)[0]);
    }

    /** Extracts and verifies; throws, naming the first mismatch, when the archive is not what the manifest says. */
    public Extracted extract(InputStream object, ExpectedFiles files) throws IOException {
        DigestingInputStream raw = new DigestingInputStream(object, progress);
        try (InputStream decompressed = decode(raw, () -> CompressionStreams.decompress(compression, raw));
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = decode(raw, tar::getNextEntry)) != null) {
                extractEntry(tar, raw, entry, files);
            }
            decode(raw, () -> decompressed.transferTo(OutputStream.nullOutputStream()));
            decode(raw, () -> {
                raw.drain();
                return null;
            });
        }
        Optional<FileEntry> missing = files.next();
        if (missing.isPresent()) {
            throw mismatch(files, expected.key() + " lacks " + missing.get().path() + ", which the manifest lists");
        }
        files.checkWhole();
        checkObject(raw);
        closeDirectories(Optional.empty());
        return new Extracted(filesWritten, bytesWritten);
    }

    /** A step that reads the archive: its failures are the store's, or the archive's own damage, said in words. */
    @FunctionalInterface
    private interface Decoding<T> {
        T read() throws IOException;
    }

    private <T> T decode(DigestingInputStream raw, Decoding<T> step) throws IOException {
        try {
            return step.read();
        } catch (IOException | IllegalArgumentException e) {
            throw damaged(raw, e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    private void extractEntry(TarArchiveInputStream tar, DigestingInputStream raw, TarArchiveEntry entry, ExpectedFiles files)
            throws IOException {
        Path path = SafePaths.resolve(staging, entry.getName());
        String name = SafePaths.stripTrailingSlash(entry.getName());
        boolean selected = selection.test(name);
        closeDirectories(Optional.of(path));
        if (entry.isDirectory()) {
            if (selected) {
                Files.createDirectories(path);
                FileModes.apply(path, entry.getMode() | 0700);
                openDirectories.push(new OpenDirectory(path, FileTime.from(entry.getModTime().toInstant())));
            }
        } else if (entry.isSymbolicLink()) {
            SafePaths.checkLinkTarget(staging, path, entry.getLinkName());
            if (selected) {
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            }
        } else if (entry.isFile() && !entry.isLink()) {
            extractFile(tar, raw, entry, path, name, selected, files);
        } else {
            throw new SafePaths.UnsafeArchiveException("entry '" + name + "' is a link or special file, which node archives never hold");
        }
    }

    private void extractFile(TarArchiveInputStream tar, DigestingInputStream raw, TarArchiveEntry entry, Path path, String name,
                             boolean selected, ExpectedFiles files) throws IOException {
        Optional<FileEntry> next = files.next();
        if (next.isEmpty()) {
            throw mismatch(files, expected.key() + " holds " + name + ", which the manifest does not list");
        }
        FileEntry listed = next.get();
        if (!listed.path().equals(name)) {
            throw mismatch(files, expected.key() + " holds " + name + " where the manifest lists " + listed.path());
        }
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        try (OutputStream out = selected ? newFile(path) : OutputStream.nullOutputStream()) {
            int read;
            while ((read = decode(raw, () -> tar.read(buffer))) >= 0) {
                writeStaged(out, path, read);
                digest.update(buffer, 0, read);
                size += read;
            }
        }
        String sha256 = Sha256.hex(digest);
        if (size != listed.size() || !sha256.equals(listed.sha256())) {
            throw mismatch(files, "file " + name + " in " + expected.key() + " does not match the manifest (" + size
                    + " bytes, SHA-256 " + sha256 + "; expected " + listed.size() + " bytes, SHA-256 " + listed.sha256() + ")");
        }
        if (selected) {
            FileModes.apply(path, entry.getMode());
            Files.setLastModifiedTime(path, FileTime.from(entry.getModTime().toInstant()));
            filesWritten++;
            bytesWritten += size;
        }
    }

    /**
     * The archive and its file list disagree: the list is checked whole first, so that a damaged list is named as
     * such rather than the archive it was compared with.
     */
    private static IOException mismatch(ExpectedFiles files, String archiveDamage) throws IOException {
        try {
            files.checkWhole();
        } catch (DamagedException listDamaged) {
            return listDamaged;
        }
        return new ArchiveDamagedException(archiveDamage);
    }

    /** A full or read-only disk is the node's, said in words and naming the file. */
    private void writeStaged(OutputStream out, Path path, int length) throws IOException {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw new IOException("could not write " + path + ": " + Failures.reason(e), e);
        }
    }

    private static OutputStream newFile(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Sets the times of the directories the archive has left (all of them at the end): creating their
     * contents changed them. Archives are written depth first, so only the current path is held.
     */
    private void closeDirectories(Optional<Path> next) throws IOException {
        while (!openDirectories.isEmpty() && next.map(path -> !path.startsWith(openDirectories.peek().path())).orElse(true)) {
            OpenDirectory directory = openDirectories.pop();
            Files.setLastModifiedTime(directory.path(), directory.time());
        }
    }

    private void checkObject(DigestingInputStream raw) throws IOException {
        String sha256 = raw.sha256();
        if (raw.count() != expected.size() || !sha256.equals(expected.sha256())) {
            throw new ArchiveDamagedException(expected.key() + " does not match the manifest (" + raw.count() + " bytes, SHA-256 "
                    + sha256 + "; expected " + expected.size() + " bytes, SHA-256 " + expected.sha256() + ")");
        }
    }

    /**
     * A failure while decoding the archive: when fewer bytes came than the manifest says, the object is truncated;
     * otherwise its data is corrupt. Failures of the store itself pass through unchanged.
     */
    private IOException damaged(DigestingInputStream raw, IOException cause) {
        if (cause instanceof ArchiveDamagedException || raw.failedAtSource()) {
            return cause;
        }
        if (raw.ended() && raw.count() < expected.size()) {
            return new ArchiveDamagedException(expected.key() + " is truncated: it holds " + raw.count() + " of the "
                    + expected.size() + " bytes the manifest lists", cause);
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("");
        return new ArchiveDamagedException(expected.key() + " is damaged: its " + compression.label() + " data cannot be read ("
                + reason + ")", cause);
    }
}
