package io.lifeboat.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keyspaces of a node: the directories of its dataDir. Names starting with '.' are Lifeboat's own
 * working folders (snapshots, restore staging), never keyspaces.
 */
public final class NodeData {

    private NodeData() {
    }

    public static List<String> keyspaces(Node node) throws IOException {
        if (!Files.isDirectory(node.dataDir())) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(node.dataDir())) {
            return children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** The bytes of the regular files in the given keyspaces of the node. */
    public static long dataBytes(Node node, List<String> keyspaces) throws IOException {
        long bytes = 0;
        for (String keyspace : keyspaces) {
            // A keyspace folder may be a link to another disk: its content is what counts.
            try (Stream<Path> files = Files.walk(node.dataDir().resolve(keyspace).toRealPath())) {
                bytes += files.filter(Files::isRegularFile).mapToLong(NodeData::sizeOf).sum();
            }
        }
        return bytes;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
