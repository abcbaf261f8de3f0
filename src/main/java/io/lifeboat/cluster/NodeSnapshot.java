package io.lifeboat.cluster;

import io.lifeboat.plan.SnapshotName;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * A point-in-time copy of some keyspaces of a node, made of hard links inside the node's dataDir the way
 * Cassandra's own snapshot is: instant, no extra space, and unaffected by files later added or deleted.
 */
public final class NodeSnapshot implements AutoCloseable {

    private final Node node;
    private final Path root;
    private final List<String> keyspaces;
    private long dataBytes;

    private NodeSnapshot(Node node, Path root, List<String> keyspaces) {
        this.node = node;
        this.root = root;
        this.keyspaces = List.copyOf(keyspaces);
    }

    public static NodeSnapshot take(Node node, SnapshotName name, List<String> keyspaces) throws IOException {
        Path root = NodeData.workFolder(node, "snapshot", name.value());
        FileTrees.deleteIfExists(root);
        NodeSnapshot snapshot = new NodeSnapshot(node, root, keyspaces);
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

    public Node node() {
        return node;
    }

    public List<String> keyspaces() {
        return keyspaces;
    }

    /** The size of all regular files in the snapshot. */
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
