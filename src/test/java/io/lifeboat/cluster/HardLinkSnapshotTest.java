package io.lifeboat.cluster;

import io.lifeboat.plan.SnapshotName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardLinkSnapshotTest {

    @TempDir
    Path dataDir;

    @Test
    void linksTheSelectedKeyspacesAndRemovesThemAfter() throws IOException {
        Path data = Files.createDirectories(dataDir.resolve("ks1/t1")).resolve("Data.db");
        Files.writeString(data, "rows");
        Files.createDirectories(dataDir.resolve("ks1/empty"));
        Files.createDirectories(dataDir.resolve("ks2/t2"));
        Node node = new Node(0, dataDir);

        try (HardLinkSnapshot snapshot = HardLinkSnapshot.take(node, new SnapshotName("s1"), List.of("ks1"))) {
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
}
