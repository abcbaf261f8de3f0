package io.lifeboat.archive;

import io.lifeboat.cluster.ArchiveRoot;
import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.kernel.Compression;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.FileListWriter;
import io.lifeboat.manifest.ManifestException;
import io.lifeboat.manifest.StoredFileList;
import io.lifeboat.testing.TrickyCluster;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeArchiveTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @TempDir
    Path scratch;

    @Test
    void roundTripsATrickyTreeByteForByte() throws IOException {
        Path node = tree();
        Written written = write(node);
        Path staging = staging();

        NodeArchiveReader.Extracted extracted = written.read(Set.of("ks1", "ks2", "ks3"), staging);

        assertEquals(TreeFingerprint.of(node), TreeFingerprint.of(staging));
        assertTrue(written.files().stream().anyMatch(file -> file.size() == 0));
        assertEquals(written.files().size(), extracted.files());
        assertEquals(written.files().stream().mapToLong(FileEntry::size).sum(), extracted.dataBytes());
    }

    @Test
    void writesOnlyTheSelectedKeyspacesButChecksThemAll() throws IOException {
        Written written = write(tree());
        Path staging = staging();

        written.read(Set.of("ks2"), staging);

        try (var children = Files.list(staging)) {
            assertEquals(List.of("ks2"), children.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void isReadByTheSystemTar() throws Exception {
        Path node = tree();
        Path archive = Files.write(scratch.resolve("node-0.tar.gz"), write(node).bytes());
        Path extracted = Files.createDirectories(scratch.resolve("tar"));

        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", extracted.toString()).inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, tar.exitValue());
        assertEquals(TreeFingerprint.of(node), TreeFingerprint.of(extracted));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsWithEveryCompression(Compression compression) throws IOException {
        Path node = tree();
        Written written = write(node, compression);
        Path staging = staging();

        written.read(Set.of("ks1", "ks2", "ks3"), staging);

        assertEquals(TreeFingerprint.of(node), TreeFingerprint.of(staging));
    }

    @Test
    void parallelGzipBlocksMakeOneStreamThatTarReads() throws Exception {
        Path node = Files.createDirectories(scratch.resolve("big/ks1/t"));
        byte[] data = new byte[5 * ParallelGzipOutputStream.BLOCK_SIZE + 12345];
        new Random(7).nextBytes(data);
        Files.write(node.resolve("nb-1-big-Data.db"), data);
        Path archive = scratch.resolve("node-0.tar.gz");
        try (OutputStream out = Files.newOutputStream(archive)) {
            new NodeArchiveWriter(Compression.GZIP, 1, 2, POOL).write(List.of(new ArchiveRoot("ks1", node.getParent())), out, file -> { },
                    done -> { });
        }
        assertTrue(gzipMembers(Files.readAllBytes(archive)) >= 5, "written as independent gzip members");
        Path extracted = Files.createDirectories(scratch.resolve("tar"));

        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", extracted.toString()).inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, tar.exitValue());
        assertEquals(Sha256.of(data), Sha256.of(Files.readAllBytes(extracted.resolve("ks1/t/nb-1-big-Data.db"))));
    }

    /** Counts gzip members by reading them one by one with a reader that stops at each member's end. */
    private static int gzipMembers(byte[] gzip) throws IOException {
        int members = 0;
        try (var in = new GzipCompressorInputStream(new ByteArrayInputStream(gzip), true)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        for (int i = 0; i + 3 < gzip.length; i++) {
            if ((gzip[i] & 0xff) == 0x1f && (gzip[i + 1] & 0xff) == 0x8b && gzip[i + 2] == 8 && gzip[i + 3] == 0) {
                members++;
            }
        }
        return members;
    }

    @Test
    void refusesAFileThatDiffersFromTheManifest() throws IOException {
        Written written = write(tree());
        List<FileEntry> files = new ArrayList<>(written.files());
        FileEntry first = files.get(0);
        files.set(0, new FileEntry(first.path(), first.size(), "0".repeat(64)));

        IOException refused = assertThrows(IOException.class, () -> written.withFiles(files).read(Set.of("ks1"), staging()));

        assertTrue(refused.getMessage().startsWith("file " + first.path() + " in node-0.tar.gz does not match the manifest"),
                refused.getMessage());
    }

    @Test
    void refusesAnArchiveMissingAFileTheManifestLists() throws IOException {
        Written written = write(tree());
        List<FileEntry> files = new ArrayList<>(written.files());
        files.add(new FileEntry("ks3/ghost.db", 1, "0".repeat(64)));

        IOException refused = assertThrows(IOException.class, () -> written.withFiles(files).read(Set.of("ks1"), staging()));

        assertEquals("node-0.tar.gz lacks ks3/ghost.db, which the manifest lists", refused.getMessage());
    }

    @Test
    void refusesAnArchiveHoldingAFileTheManifestDoesNotList() throws IOException {
        Written written = write(tree());
        List<FileEntry> files = new ArrayList<>(written.files());
        FileEntry dropped = files.remove(1);

        IOException refused = assertThrows(IOException.class, () -> written.withFiles(files).read(Set.of("ks1"), staging()));

        assertEquals("node-0.tar.gz holds " + dropped.path() + " where the manifest lists " + files.get(1).path(), refused.getMessage());
    }

    @Test
    void refusesAnObjectWhoseHashDiffers() throws IOException {
        Written written = write(tree());
        Written otherHash = new Written(written.bytes(), new NodeArchiveReader.ArchiveObject("node-0.tar.gz", written.object().size(),
                "f".repeat(64)), written.files(), Compression.GZIP);

        IOException refused = assertThrows(IOException.class, () -> otherHash.read(Set.of("ks1"), staging()));

        assertTrue(refused.getMessage().startsWith("node-0.tar.gz does not match the manifest"), refused.getMessage());
    }

    @Test
    void saysWhetherTheArchiveIsTruncatedOrCorrupt() throws IOException {
        Written written = write(tree());
        byte[] truncated = Arrays.copyOf(written.bytes(), written.bytes().length / 2);
        byte[] corrupt = written.bytes().clone();
        corrupt[40] ^= 0x5a;

        IOException cut = assertThrows(IOException.class, () -> written.withBytes(truncated).read(Set.of("ks1"), staging()));
        IOException flipped = assertThrows(IOException.class, () -> written.withBytes(corrupt).read(Set.of("ks1"),
                scratch.resolve("other")));

        assertEquals("node-0.tar.gz is truncated: it holds " + truncated.length + " of the " + written.bytes().length
                + " bytes the manifest lists", cut.getMessage());
        assertTrue(flipped.getMessage().startsWith("node-0.tar.gz is damaged: its gzip data cannot be read ("), flipped.getMessage());
    }

    @Test
    void readsTheFileListFromItsOwnObjectAndChecksIt() throws IOException {
        Path node = tree();
        Written written = write(node);
        ByteArrayOutputStream listBytes = new ByteArrayOutputStream();
        FileListWriter<FileEntry> writer = FileListWriter.ofArchive(listBytes);
        for (FileEntry file : written.files()) {
            writer.add(file);
        }
        FileList.Stored stored = writer.finish("node-0.files.jsonl.gz");
        byte[] list = listBytes.toByteArray();
        assertEquals(list.length, stored.size());
        assertEquals(Sha256.of(list), stored.sha256());
        assertEquals(written.files().size(), writer.files());
        Path staging = staging();

        written.read(Set.of("ks1", "ks2", "ks3"), staging, StoredFileList.open(stored, new ByteArrayInputStream(list)));
        assertEquals(TreeFingerprint.of(node), TreeFingerprint.of(staging));

        byte[] cut = Arrays.copyOf(list, list.length - 20);
        ManifestException truncated = assertThrows(ManifestException.class, () -> written.read(Set.of("ks1"), scratch.resolve("other"),
                StoredFileList.open(stored, new ByteArrayInputStream(cut))));
        assertEquals("node-0.files.jsonl.gz is damaged: it is truncated or corrupt", truncated.getMessage());
    }

    @Test
    void refusesToArchiveASpecialFileOrALinkThatLeavesTheNode() throws Exception {
        Path node = tree();
        Path fifo = node.resolve("ks2/users-0/a-fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        IOException special = assertThrows(IOException.class, () -> write(node));
        assertEquals("ks2/users-0/a-fifo is a special file (FIFO, socket or device), which a backup cannot save;"
                + " move it out of the data directory", special.getMessage());

        Files.delete(fifo);
        Files.createSymbolicLink(node.resolve("ks2/users-0/outside"), Path.of("../../../elsewhere"));
        IOException link = assertThrows(IOException.class, () -> write(node));
        assertEquals("ks2/users-0/outside is a link to ../../../elsewhere, outside the node, which a restore would refuse", link.getMessage());
    }

    @Test
    void refusesNamesThatLeaveTheRoot() {
        Path root = scratch.resolve("root");
        for (String name : List.of("../x", "a/../../x", "/etc/passwd", "a/..", "..")) {
            assertThrows(IOException.class, () -> SafePaths.resolve(root, name), name);
        }
        assertThrows(IOException.class, () -> SafePaths.checkLinkTarget(root, root.resolve("ks/t/link"), "../../../outside"));
        assertThrows(IOException.class, () -> SafePaths.checkLinkTarget(root, root.resolve("ks/t/link"), "/etc"));
        assertTrue(io.lifeboat.cluster.Links.staysInside("ks/t/link", "../../other-ks/file"));
        assertFalse(io.lifeboat.cluster.Links.staysInside("ks/t/link", "../../../outside"));
        assertFalse(assertDoesNotThrow(() -> SafePaths.resolve(root, "ks/t/file")).toString().contains(".."));
    }

    /** An archive in memory with what the manifest would say of it. */
    private record Written(byte[] bytes, NodeArchiveReader.ArchiveObject object, List<FileEntry> files, Compression compression) {

        Written withFiles(List<FileEntry> others) {
            return new Written(bytes, object, others, compression);
        }

        /** Other bytes under the same manifest entry, as a damaged object in a store would be. */
        Written withBytes(byte[] others) {
            return new Written(others, object, files, compression);
        }

        NodeArchiveReader.Extracted read(Set<String> keyspaces, Path staging) throws IOException {
            return read(keyspaces, staging, ExpectedFiles.inline(files));
        }

        NodeArchiveReader.Extracted read(Set<String> keyspaces, Path staging, ExpectedFiles expected) throws IOException {
            Files.createDirectories(staging);
            return new NodeArchiveReader(object, compression, keyspaces, staging, done -> { }).extract(new ByteArrayInputStream(bytes), expected);
        }
    }

    private Path staging() throws IOException {
        return Files.createDirectories(scratch.resolve("staging"));
    }

    /** Every keyspace directory of the node, under its own name, as a file cluster's snapshot gives them. */
    private static List<ArchiveRoot> roots(Path node) throws IOException {
        try (var keyspaces = Files.list(node)) {
            return keyspaces.map(keyspace -> new ArchiveRoot(keyspace.getFileName().toString(), keyspace)).toList();
        }
    }

    /** The tricky one-node cluster, written on first use. */
    private Path tree() throws IOException {
        Path node = scratch.resolve("cluster/nodes/node-0");
        return Files.exists(node) ? node : TrickyCluster.write(scratch.resolve("cluster"), 1).resolveSibling("nodes/node-0");
    }

    private static Written write(Path node) throws IOException {
        return write(node, Compression.GZIP);
    }

    private static Written write(Path node, Compression compression) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<FileEntry> files = new ArrayList<>();
        new NodeArchiveWriter(compression, compression.defaultLevel(), 2, POOL).write(roots(node), bytes, files::add, done -> { });
        byte[] archive = bytes.toByteArray();
        return new Written(archive, new NodeArchiveReader.ArchiveObject("node-0" + compression.suffix(), archive.length, Sha256.of(archive)),
                files, compression);
    }
}
