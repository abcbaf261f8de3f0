package io.lifeboat.archive;

import io.lifeboat.manifest.FileEntry;
import io.lifeboat.manifest.NodeManifest;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Streams a node archive into a staging folder, checking every file and the whole object against the
 * manifest on the way. Extraction never leaves the staging folder; the caller moves keyspaces into place
 * only after {@link #extract} returned, that is after the archive verified whole.
 */
public final class NodeArchiveReader {

    private static final int COPY_BUFFER = 64 * 1024;

    private final NodeManifest expected;
    private final Set<String> keyspaces;
    private final Path staging;
    private final Map<String, FileEntry> expectedFiles;
    private final Set<String> seenFiles = new HashSet<>();
    private final Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();
    private final byte[] buffer = new byte[COPY_BUFFER];
    private final LongConsumer progress;
    private final Compression compression;

    /**
     * @param keyspaces the keyspaces to write; the others are read and checked but not written
     * @param staging   an empty folder on the node's file system
     * @param progress  told the file bytes read, a buffer at a time
     */
    public NodeArchiveReader(NodeManifest expected, Compression compression, Set<String> keyspaces, Path staging, LongConsumer progress) {
        this.compression = compression;
        this.progress = progress;
        this.expected = expected;
        this.keyspaces = Set.copyOf(keyspaces);
        this.staging = staging.toAbsolutePath().normalize();
        this.expectedFiles = expected.files().stream().collect(Collectors.toMap(FileEntry::path, Function.identity()));
    }

    /** Extracts and verifies; throws, naming the first mismatch, when the archive is not what the manifest says. */
    public void extract(InputStream object) throws IOException {
        DigestingInputStream raw = new DigestingInputStream(object);
        try (InputStream decompressed = compression.decompress(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                extractEntry(tar, entry);
            }
            decompressed.transferTo(OutputStream.nullOutputStream());
            raw.drain();
        }
        checkAllFilesSeen();
        checkObject(raw);
        restoreDirectoryTimes();
    }

    private void extractEntry(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
        Path path = SafePaths.resolve(staging, entry.getName());
        String name = SafePaths.stripTrailingSlash(entry.getName());
        boolean selected = keyspaces.contains(name.split("/", 2)[0]);
        if (entry.isDirectory()) {
            if (selected) {
                Files.createDirectories(path);
                FileModes.apply(path, entry.getMode() | 0700);
                directoryTimes.put(path, FileTime.from(entry.getModTime().toInstant()));
            }
        } else if (entry.isSymbolicLink()) {
            SafePaths.checkLinkTarget(staging, path, entry.getLinkName());
            if (selected) {
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            }
        } else if (entry.isFile() && !entry.isLink()) {
            extractFile(tar, entry, path, name, selected);
        } else {
            throw new SafePaths.UnsafeArchiveException("entry '" + name + "' is a link or special file, which node archives never hold");
        }
    }

    private void extractFile(TarArchiveInputStream tar, TarArchiveEntry entry, Path path, String name, boolean selected)
            throws IOException {
        FileEntry manifestEntry = expectedFiles.get(name);
        if (manifestEntry == null || !seenFiles.add(name)) {
            throw new IOException("the archive holds " + name + ", which the manifest does not list (once)");
        }
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        try (OutputStream out = selected ? newFile(path) : OutputStream.nullOutputStream()) {
            int read;
            while ((read = tar.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                digest.update(buffer, 0, read);
                size += read;
                progress.accept(read);
            }
        }
        String sha256 = Sha256.hex(digest);
        if (size != manifestEntry.size() || !sha256.equals(manifestEntry.sha256())) {
            throw new IOException("file " + name + " does not match the manifest (" + size + " bytes, SHA-256 " + sha256
                    + "; expected " + manifestEntry.size() + " bytes, SHA-256 " + manifestEntry.sha256() + ")");
        }
        if (selected) {
            FileModes.apply(path, entry.getMode());
            Files.setLastModifiedTime(path, FileTime.from(entry.getModTime().toInstant()));
        }
    }

    private static OutputStream newFile(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private void checkAllFilesSeen() throws IOException {
        List<String> missing = new ArrayList<>(expectedFiles.keySet());
        missing.removeAll(seenFiles);
        if (!missing.isEmpty()) {
            throw new IOException("the archive lacks " + missing.size() + " file(s) the manifest lists, e.g. " + missing.get(0));
        }
    }

    private void checkObject(DigestingInputStream raw) throws IOException {
        String sha256 = raw.sha256();
        if (raw.count() != expected.size() || !sha256.equals(expected.sha256())) {
            throw new IOException(expected.object() + " does not match the manifest (" + raw.count() + " bytes, SHA-256 " + sha256
                    + "; expected " + expected.size() + " bytes, SHA-256 " + expected.sha256() + ")");
        }
    }

    /** Directory times are set last: creating their contents changed them. */
    private void restoreDirectoryTimes() throws IOException {
        List<Map.Entry<Path, FileTime>> deepestFirst = new ArrayList<>(directoryTimes.entrySet());
        java.util.Collections.reverse(deepestFirst);
        for (Map.Entry<Path, FileTime> directory : deepestFirst) {
            Files.setLastModifiedTime(directory.getKey(), directory.getValue());
        }
    }
}
