package io.lifeboat.archive;

import io.lifeboat.cluster.ArchiveRoot;
import io.lifeboat.cluster.Links;
import org.apache.commons.io.function.IOConsumer;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a node's trees depth first, each directory's entries sorted by name, so that two walks of the same tree,
 * or a walk and a list written by an earlier one, come in the same order ({@link PathOrder}). Only one
 * directory's names are held at a time. A link that a restore would refuse, or a special file (FIFO, socket,
 * device), fails the walk, naming it.
 */
public final class SortedTree {

    private SortedTree() {
    }

    public static void walk(List<ArchiveRoot> roots, IOConsumer<TreeItem> visitor) throws IOException {
        Set<String> parentsMet = new HashSet<>();
        for (ArchiveRoot root : roots.stream().sorted(Comparator.comparing(ArchiveRoot::path, PathOrder.PATHS)).toList()) {
            parents(root, parentsMet, visitor);
            children(root, root.directory(), visitor);
        }
    }

    /** The root's own directory and those above it, each once: {@code ks1/} before {@code ks1/users/}. */
    private static void parents(ArchiveRoot root, Set<String> met, IOConsumer<TreeItem> visitor) throws IOException {
        String[] segments = root.path().split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append(i == 0 ? "" : "/").append(segments[i]);
            if (met.add(path.toString())) {
                // A parent may exist only in the archive (a Cassandra keyspace above its tables): it takes the root's times and mode.
                visitor.accept(directory(path.toString(), root.directory(), attributes(root.directory())));
            }
        }
    }

    private static void children(ArchiveRoot root, Path directory, IOConsumer<TreeItem> visitor) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(children::add);
        }
        children.sort(Comparator.comparing(child -> child.getFileName().toString()));
        for (Path child : children) {
            String name = root.path() + "/" + root.directory().relativize(child).toString().replace(File.separatorChar, '/');
            BasicFileAttributes attributes = attributes(child);
            if (attributes.isSymbolicLink()) {
                visitor.accept(link(child, name));
            } else if (attributes.isDirectory()) {
                visitor.accept(directory(name, child, attributes));
                children(root, child, visitor);
            } else if (attributes.isRegularFile()) {
                visitor.accept(new TreeItem(TreeItem.Kind.FILE, name, child, FileModes.of(child, false), attributes.lastModifiedTime(),
                        attributes.size(), null));
            } else {
                throw new IOException(name + " is a special file (FIFO, socket or device), which a backup cannot save;"
                        + " move it out of the data directory");
            }
        }
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static TreeItem directory(String name, Path path, BasicFileAttributes attributes) throws IOException {
        return new TreeItem(TreeItem.Kind.DIRECTORY, name, path, FileModes.of(path, true), attributes.lastModifiedTime(), 0, null);
    }

    /** A link is kept only when a restore will accept it: relative, and pointing inside the node. */
    private static TreeItem link(Path path, String name) throws IOException {
        String target = Files.readSymbolicLink(path).toString();
        if (!Links.staysInside(name, target)) {
            throw new IOException(name + " is a link to " + target + ", outside the node, which a restore would refuse");
        }
        return new TreeItem(TreeItem.Kind.LINK, name, path, 0, null, 0, target);
    }
}
