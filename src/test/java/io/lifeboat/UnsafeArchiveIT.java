package io.lifeboat;

import io.lifeboat.archive.FileEntry;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives crafted to escape their node, with a manifest that matches them byte for byte, so only the
 * extraction checks stand between them and the file system.
 */
@ExtendWith(TestServers.class)
class UnsafeArchiveIT {

    private static final byte[] PAYLOAD = "written outside the node".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path scratch;

    static Stream<Arguments> escapes() {
        return Stream.of(StoreFixture.LOCAL, StoreFixture.S3).flatMap(store -> Stream.of(
                Arguments.of(store, "dot-dot", "ks1/t/../../../../escaped.txt", null),
                Arguments.of(store, "absolute", "/tmp/lifeboat-escaped-" + ProcessHandle.current().pid() + ".txt", null),
                Arguments.of(store, "symlink-out", "ks1/t/link", "../../../../..")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("escapes")
    void refusesEntriesThatLeaveTheNode(StoreFixture store, String label, String entryName, String linkTarget) throws IOException {
        Path target = TrickyCluster.empty(scratch.resolve("cluster/target"), 1);
        Map<String, String> parameters = new HashMap<>(store.newStore(scratch));
        parameters.put("SNAPSHOT_NAME", "evil");
        byte[] archive = craft(entryName, linkTarget);
        List<FileEntry> files = linkTarget == null
                ? List.of(new FileEntry("ks1/t/ok.db", 2, Sha256.of("ok".getBytes())), new FileEntry(entryName, PAYLOAD.length, Sha256.of(PAYLOAD)))
                : List.of(new FileEntry("ks1/t/ok.db", 2, Sha256.of("ok".getBytes())));
        // Format 1, whose manifests list the files inline, as the oldest snapshots a restore may meet.
        Manifest manifest = new Manifest(1, "evil", "target", "files", Instant.now(), Instant.now(), "serial", "gzip", List.of("ks1"), null,
                List.of(new NodeManifest(0, "evil/node-0.tar.gz", archive.length, Sha256.of(archive), List.of("ks1"), new FileList.Inline(files))));
        store.write(parameters, "evil/node-0.tar.gz", archive);
        store.write(parameters, "evil/manifest.json", ManifestCodec.write(manifest));

        Outcome restore = LifeboatCommand.plan(store.restorePlan(), target, parameters);

        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.err().contains("refused to extract"), restore.toString());
        assertTrue(Files.notExists(Path.of("/tmp/lifeboat-escaped-" + ProcessHandle.current().pid() + ".txt")));
        try (Stream<Path> everything = Files.walk(scratch)) {
            assertEquals(List.of(), everything.filter(path -> path.getFileName().toString().startsWith("escaped")
                    || path.getFileName().toString().equals("link")).toList());
        }
        assertTrue(Files.notExists(target.getParent().resolve("nodes/node-0/ks1")));
    }

    private static byte[] craft(String entryName, String linkTarget) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, new TarArchiveEntry("ks1/t/"), null);
            TarArchiveEntry ok = new TarArchiveEntry("ks1/t/ok.db");
            add(tar, ok, "ok".getBytes());
            if (linkTarget == null) {
                // TarArchiveEntry would strip a leading '/', as tar does; the raw name is what an attacker ships.
                TarArchiveEntry evil = new TarArchiveEntry(entryName, true);
                add(tar, evil, PAYLOAD);
            } else {
                TarArchiveEntry link = new TarArchiveEntry(entryName, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName(linkTarget);
                add(tar, link, null);
            }
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) throws IOException {
        if (content != null) {
            entry.setSize(content.length);
        }
        tar.putArchiveEntry(entry);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
    }
}
