package io.lifeboat.cluster;

import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.SnapshotName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardLinkSnapshotTest {

    private static final RunOwner OWNER = RunOwner.thisProcess("test-run", java.time.Instant.now());

    @TempDir
    Path dataDir;

    @TempDir
    Path otherDisk;

    @Test
    void linksTheSelectedKeyspacesAndRemovesThemAfter() throws IOException {
        Path data = Files.createDirectories(dataDir.resolve("ks1/t1")).resolve("Data.db");
        Files.writeString(data, "rows");
        Files.createDirectories(dataDir.resolve("ks1/empty"));
        Files.createDirectories(dataDir.resolve("ks2/t2"));
        Node node = new FileNode(0, dataDir);

        try (HardLinkSnapshot snapshot = HardLinkSnapshot.take(node, new SnapshotName("s1"), List.of("ks1"), OWNER)) {
            Path linked = snapshot.root().resolve("ks1/t1/Data.db");
            assertTrue(Files.isSameFile(data, linked), "a hard link, not a copy");
            assertTrue(Files.isDirectory(snapshot.root().resolve("ks1/empty")));
            assertFalse(Files.exists(snapshot.root().resolve("ks2")));
            assertTrue(snapshot.root().startsWith(dataDir));
            assertEquals(List.of("ks1", "ks2"), NodeData.keyspaces(node), "the snapshot folder is no keyspace");
            Files.delete(data);
            assertEquals("rows", Files.readString(linked), "the snapshot keeps the point in time");
        }
        try (var left = Files.list(dataDir)) {
            assertEquals(List.of("ks1", "ks2"), left.map(path -> path.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void followsKeyspacesAndFilesLinkedFromElsewhereAndKeepsLinksThatStayInside() throws IOException {
        Files.writeString(Files.createDirectories(otherDisk.resolve("ks1/t1")).resolve("Data.db"), "rows elsewhere");
        Files.createSymbolicLink(dataDir.resolve("ks1"), otherDisk.resolve("ks1"));
        Files.writeString(otherDisk.resolve("lone.db"), "a linked file");
        Files.createSymbolicLink(otherDisk.resolve("ks1/t1/linked.db"), otherDisk.resolve("lone.db"));
        Files.createSymbolicLink(otherDisk.resolve("ks1/t1/latest"), Path.of("Data.db"));
        // Relative and inside the node by name, but from the linked folder it reaches another file: followed.
        Files.writeString(otherDisk.resolve("ks1/sibling.db"), "next to the table");
        Files.createSymbolicLink(otherDisk.resolve("ks1/t1/up"), Path.of("../sibling.db"));
        Node node = new FileNode(0, dataDir);

        try (HardLinkSnapshot snapshot = HardLinkSnapshot.take(node, new SnapshotName("s1"), List.of("ks1"), OWNER)) {
            Path ks1 = snapshot.root().resolve("ks1");
            assertTrue(Files.isDirectory(ks1, LinkOption.NOFOLLOW_LINKS), "the linked keyspace is saved as a folder");
            assertEquals("rows elsewhere", Files.readString(ks1.resolve("t1/Data.db")));
            assertFalse(Files.isSymbolicLink(ks1.resolve("t1/linked.db")));
            assertEquals("a linked file", Files.readString(ks1.resolve("t1/linked.db")));
            assertEquals(Path.of("Data.db"), Files.readSymbolicLink(ks1.resolve("t1/latest")));
            assertEquals(Path.of("../sibling.db"), Files.readSymbolicLink(ks1.resolve("t1/up")),
                    "ks1 is linked whole, so ../sibling.db is the same file inside the archive");
            assertEquals("rows elsewhere".length() + "a linked file".length() + "next to the table".length(), snapshot.dataBytes());
        }
    }

    @Test
    void refusesLinksItCannotSave() throws IOException {
        Node node = new FileNode(0, dataDir);
        Path table = Files.createDirectories(dataDir.resolve("ks1/t1"));
        Files.createSymbolicLink(table.resolve("gone"), otherDisk.resolve("nothing-here"));

        IOException dangling = assertThrows(IOException.class, () -> HardLinkSnapshot.take(node, new SnapshotName("s1"), List.of("ks1"), OWNER));
        assertEquals("could not snapshot " + dataDir + ": ks1/t1/gone is a link to " + otherDisk.resolve("nothing-here")
                + ", which does not exist", dangling.getMessage());

        Files.delete(table.resolve("gone"));
        Files.createSymbolicLink(table.resolve("loop"), dataDir.resolve("ks1"));
        IOException loop = assertThrows(IOException.class, () -> HardLinkSnapshot.take(node, new SnapshotName("s1"), List.of("ks1"), OWNER));
        assertTrue(loop.getMessage().endsWith("ks1/t1/loop is a link into its own parent folder " + dataDir.resolve("ks1").toRealPath()),
                loop.getMessage());
        assertFalse(Files.exists(WorkFolders.snapshotFolder(node, "s1")), "a failed snapshot leaves nothing");
    }
}
