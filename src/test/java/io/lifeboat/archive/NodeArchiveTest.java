package io.lifeboat.archive;

import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.manifest.FileEntry;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
        Path staging = Files.createDirectories(scratch.resolve("staging"));

        new NodeArchiveReader(written.manifest(), Compression.GZIP, Set.of("ks1", "ks2", "ks3"), staging, done -> { }).extract(new ByteArrayInputStream(written.bytes()));

        assertEquals(TreeFingerprint.of(node), TreeFingerprint.of(staging));
        assertTrue(written.manifest().files().stream().anyMatch(file -> file.size() == 0));
    }

    @Test
    void writesOnlyTheSelectedKeyspacesButChecksThemAll() throws IOException {
        Path node = tree();
        Written written = write(node);
        Path staging = Files.createDirectories(scratch.resolve("staging"));

        new NodeArchiveReader(written.manifest(), Compression.GZIP, Set.of("ks2"), staging, done -> { }).extract(new ByteArrayInputStream(written.bytes()));

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<FileEntry> files = new NodeArchiveWriter(compression, compression.defaultLevel(), 2, POOL).write(roots(node), bytes, done -> { });
        byte[] archive = bytes.toByteArray();
        NodeManifest manifest = new NodeManifest(0, "node-0" + compression.suffix(), archive.length, Sha256.of(archive), List.of("ks1"), files);
        Path staging = Files.createDirectories(scratch.resolve("staging"));

        new NodeArchiveReader(manifest, compression, Set.of("ks1", "ks2", "ks3"), staging, done -> { }).extract(new ByteArrayInputStream(archive));

        assertEquals(TreeFingerprint.of(node), TreeFingerprint.of(staging));
    }

    @Test
    void parallelGzipBlocksMakeOneStreamThatTarReads() throws Exception {
        Path node = Files.createDirectories(scratch.resolve("big/ks1/t"));
        byte[] data = new byte[5 * ParallelGzipOutputStream.BLOCK_SIZE + 12345];
        new java.util.Random(7).nextBytes(data);
        Files.write(node.resolve("nb-1-big-Data.db"), data);
        Path archive = scratch.resolve("node-0.tar.gz");
        try (var out = Files.newOutputStream(archive)) {
            new NodeArchiveWriter(Compression.GZIP, 1, 2, POOL).write(List.of(new ArchiveRoot("ks1", node.getParent())), out, done -> { });
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
        try (var in = new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(new ByteArrayInputStream(gzip), true)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
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
        List<FileEntry> files = new ArrayList<>(written.manifest().files());
        FileEntry first = files.get(0);
        files.set(0, new FileEntry(first.path(), first.size(), "0".repeat(64)));
        NodeManifest wrong = new NodeManifest(0, "node-0.tar.gz", written.manifest().size(), written.manifest().sha256(), List.of("ks1"), files);

        IOException refused = assertThrows(IOException.class, () -> new NodeArchiveReader(wrong, Compression.GZIP, Set.of("ks1"),
                Files.createDirectories(scratch.resolve("staging")), done -> { }).extract(new ByteArrayInputStream(written.bytes())));

        assertTrue(refused.getMessage().contains(first.path() + " does not match the manifest"), refused.getMessage());
    }

    @Test
    void refusesAnArchiveMissingAFileTheManifestLists() throws IOException {
        Written written = write(tree());
        List<FileEntry> files = new ArrayList<>(written.manifest().files());
        files.add(new FileEntry("ks1/ghost.db", 1, "0".repeat(64)));
        NodeManifest more = new NodeManifest(0, "node-0.tar.gz", written.manifest().size(), written.manifest().sha256(), List.of("ks1"), files);

        IOException refused = assertThrows(IOException.class, () -> new NodeArchiveReader(more, Compression.GZIP, Set.of("ks1"),
                Files.createDirectories(scratch.resolve("staging")), done -> { }).extract(new ByteArrayInputStream(written.bytes())));

        assertTrue(refused.getMessage().contains("ks1/ghost.db"), refused.getMessage());
    }

    @Test
    void refusesAnObjectWhoseHashDiffers() throws IOException {
        Written written = write(tree());
        NodeManifest manifest = written.manifest();
        NodeManifest otherHash = new NodeManifest(0, "node-0.tar.gz", manifest.size(), "f".repeat(64), manifest.keyspaces(), manifest.files());

        IOException refused = assertThrows(IOException.class, () -> new NodeArchiveReader(otherHash, Compression.GZIP, Set.of("ks1"),
                Files.createDirectories(scratch.resolve("staging")), done -> { }).extract(new ByteArrayInputStream(written.bytes())));

        assertTrue(refused.getMessage().contains("node-0.tar.gz does not match the manifest"), refused.getMessage());
    }

    @Test
    void refusesNamesThatLeaveTheRoot() {
        Path root = scratch.resolve("root");
        for (String name : List.of("../x", "a/../../x", "/etc/passwd", "a/..", "..")) {
            assertThrows(IOException.class, () -> SafePaths.resolve(root, name), name);
        }
        assertThrows(IOException.class, () -> SafePaths.checkLinkTarget(root, root.resolve("ks/t/link"), "../../../outside"));
        assertThrows(IOException.class, () -> SafePaths.checkLinkTarget(root, root.resolve("ks/t/link"), "/etc"));
        assertFalse(assertDoesNotThrow(() -> SafePaths.resolve(root, "ks/t/file")).toString().contains(".."));
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> supplier) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(supplier);
    }

    private record Written(byte[] bytes, NodeManifest manifest) {
    }

    /** Every keyspace directory of the node, under its own name, as a file cluster's snapshot gives them. */
    private static List<ArchiveRoot> roots(Path node) throws IOException {
        try (var keyspaces = Files.list(node)) {
            return keyspaces.map(keyspace -> new ArchiveRoot(keyspace.getFileName().toString(), keyspace)).toList();
        }
    }

    private Path tree() throws IOException {
        return TrickyCluster.write(scratch.resolve("cluster"), 1).resolveSibling("nodes/node-0");
    }

    private static Written write(Path node) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<FileEntry> files = new NodeArchiveWriter(Compression.GZIP, 6, 2, POOL).write(roots(node), bytes, done -> { });
        byte[] archive = bytes.toByteArray();
        return new Written(archive, new NodeManifest(0, "node-0.tar.gz", archive.length, Sha256.of(archive), List.of("ks1", "ks2", "ks3"), files));
    }
}
