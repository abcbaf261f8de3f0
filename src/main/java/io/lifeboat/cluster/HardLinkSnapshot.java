package io.lifeboat.cluster;

import io.lifeboat.claim.Claim;
import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.SnapshotName;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A snapshot of a file node made of hard links inside its dataDir, the way Cassandra's own snapshot is:
 * instant, no extra space, and unaffected by files later added or deleted.
 *
 * <p>Links are decided here, so that a backup saves what the node holds or refuses: a link is kept as a
 * link only when a restore accepts it and it will point at the same thing afterwards (relative, inside
 * the node). Any other link is followed: a keyspace or table folder linked to another disk is saved as a
 * folder, a linked file as a file. A link to nothing, a link into its own parent, a special file, or data
 * on another file system than the dataDir (hard links cannot cross file systems) fails the snapshot,
 * naming the path.
 */
public final class HardLinkSnapshot implements NodeSnapshot {

    private final Node node;
    private final Path root;
    private final List<String> keyspaces;
    private final FileStore fileSystem;
    private final Claim claim;
    private long dataBytes;

    private HardLinkSnapshot(Node node, Path root, List<String> keyspaces, FileStore fileSystem, Claim claim) {
        this.node = node;
        this.root = root;
        this.keyspaces = List.copyOf(keyspaces);
        this.fileSystem = fileSystem;
        this.claim = claim;
    }

    /** Takes the snapshot under the run's claim on its folder; a folder left by a run that is gone is replaced. */
    public static HardLinkSnapshot take(Node node, SnapshotName name, List<String> keyspaces, RunOwner owner) throws IOException {
        Claim claim = WorkFolders.claimSnapshot(node, name.value(), owner);
        Path root = WorkFolders.snapshotFolder(node, name.value());
        HardLinkSnapshot snapshot;
        try {
            FileTrees.deleteIfExists(root);
            snapshot = new HardLinkSnapshot(node, root, keyspaces, Files.getFileStore(node.dataDir()), claim);
        } catch (IOException | RuntimeException e) {
            claim.close();
            throw e;
        }
        try {
            Files.createDirectories(root);
            for (String keyspace : keyspaces) {
                Path source = node.dataDir().resolve(keyspace).toRealPath();
                snapshot.checkSameFileSystem(source, keyspace);
                snapshot.linkDirectory(source, keyspace, root.resolve(keyspace), new ArrayDeque<>());
            }
        } catch (IOException | RuntimeException e) {
            snapshot.close();
            throw new IOException("could not snapshot " + node.dataDir() + ": " + reason(e), e);
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

    /** Removes the snapshot, then lets its folder go; the node's own data is untouched. */
    @Override
    public void close() throws IOException {
        try {
            FileTrees.deleteIfExists(root);
        } finally {
            claim.close();
        }
    }

    /**
     * Mirrors the directory {@code source} (a real path) at {@code target}; {@code name} is its path in the
     * archive, {@code ancestors} the real paths of the directories above it, to catch links that loop.
     */
    private void linkDirectory(Path source, String name, Path target, Deque<Path> ancestors) throws IOException {
        if (ancestors.contains(source)) {
            throw new IOException(name + " is a link into its own parent folder " + source);
        }
        Files.createDirectories(target);
        ancestors.push(source);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(source)) {
            for (Path child : children) {
                String childName = name + "/" + child.getFileName();
                Path childTarget = target.resolve(child.getFileName().toString());
                BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    linkLink(child, childName, childTarget, ancestors);
                } else if (attributes.isDirectory()) {
                    linkDirectory(child, childName, childTarget, ancestors);
                } else {
                    linkFile(child, childName, childTarget, attributes);
                }
            }
        } finally {
            ancestors.pop();
        }
    }

    private void linkLink(Path link, String name, Path target, Deque<Path> ancestors) throws IOException {
        Path pointsTo = Files.readSymbolicLink(link);
        if (meansTheSameAfterRestore(link, name, pointsTo.toString())) {
            Files.createSymbolicLink(target, pointsTo);
            return;
        }
        Path real;
        try {
            real = link.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException(name + " is a link to " + pointsTo + ", which does not exist");
        }
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        checkSameFileSystem(real, name);
        if (attributes.isDirectory()) {
            linkDirectory(real, name, target, ancestors);
        } else {
            linkFile(real, name, target, attributes);
        }
    }

    private void linkFile(Path file, String name, Path target, BasicFileAttributes attributes) throws IOException {
        if (!attributes.isRegularFile()) {
            throw new IOException(name + " is a special file (FIFO, socket or device), which a backup cannot save;"
                    + " move it out of the data directory");
        }
        try {
            Files.createLink(target, file);
        } catch (FileSystemException e) {
            // A folder inside the node may be another disk's mount point.
            checkSameFileSystem(file, name);
            throw e;
        }
        dataBytes += attributes.size();
    }

    /**
     * A relative link inside the node is kept when the path it names, read from the node's top, is the same
     * file it reaches now (or both are missing): it will point at the restored copy of what it points at today.
     */
    private boolean meansTheSameAfterRestore(Path link, String name, String pointsTo) throws IOException {
        if (!Links.staysInside(name, pointsTo)) {
            return false;
        }
        Path viaArchive = node.dataDir().resolve(name).getParent().resolve(pointsTo).normalize();
        boolean existsNow = Files.exists(link);
        if (!existsNow || !Files.exists(viaArchive)) {
            return !existsNow && !Files.exists(viaArchive, LinkOption.NOFOLLOW_LINKS);
        }
        return Files.isSameFile(link, viaArchive);
    }

    /** Only checked where data may lie elsewhere (behind a link, or on a failed link): looking up a file store is slow. */
    private void checkSameFileSystem(Path path, String name) throws IOException {
        if (!Files.getFileStore(path).equals(fileSystem)) {
            throw new IOException(name + " lies on another file system (" + Files.getFileStore(path) + ") than the node's dataDir;"
                    + " a file cluster's snapshot is made of hard links, which cannot cross file systems");
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
