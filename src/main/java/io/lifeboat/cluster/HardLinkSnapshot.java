package io.lifeboat.cluster;

import io.lifeboat.archive.ArchiveRoot;
import io.lifeboat.plan.SnapshotName;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * A snapshot of a file node made of hard links inside its dataDir, the way Cassandra's own snapshot is:
 * instant, no extra space, and unaffected by files later added or deleted.
 */
public final class HardLinkSnapshot implements NodeSnapshot {

    private final Node node;
    private final Path root;
    private final List<String> keyspaces;
    private long dataBytes;

    private HardLinkSnapshot(Node node, Path root, List<String> keyspaces) {
        this.node = node;
        this.root = root;
        this.keyspaces = List.copyOf(keyspaces);
    }

    public static HardLinkSnapshot take(Node node, SnapshotName name, List<String> keyspaces) throws IOException {
        Path root = NodeData.workFolder(node, "snapshot", name.value());
        FileTrees.deleteIfExists(root);
        HardLinkSnapshot snapshot = new HardLinkSnapshot(node, root, keyspaces);
        try {
            Files.createDirectories(root);
            for (String keyspace : keyspaces) {
                snapshot.dataBytes += linkTree(node.dataDir().resolve(keyspace), root.resolve(keyspace));
            }
        } catch (IOException | RuntimeException e) {
            snapshot.close();
            throw new IOException("could not snapshot " + node.dataDir() + ": " + e.getMessage(), e);
        }
        return snapshot;
    }

    /** The folder that holds the snapshot's keyspaces. */
    public Path root() {
        return root;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public List<ArchiveRoot> roots() {
        return keyspaces.stream().map(keyspace -> new ArchiveRoot(keyspace, root.resolve(keyspace))).toList();
    }

    @Override
    public long dataBytes() {
        return dataBytes;
    }

    /** Removes the snapshot; the node's own data is untouched. */
    @Override
    public void close() throws IOException {
        FileTrees.deleteIfExists(root);
    }

    /** Links {@code source}'s tree under {@code target}; returns the bytes of the regular files linked. */
    private static long linkTree(Path source, Path target) throws IOException {
        long[] bytes = {0};
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path link = target.resolve(source.relativize(file).toString());
                if (attributes.isSymbolicLink()) {
                    Files.createSymbolicLink(link, Files.readSymbolicLink(file));
                } else if (attributes.isRegularFile()) {
                    Files.createLink(link, file);
                    bytes[0] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }
}
