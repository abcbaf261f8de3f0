package io.lifeboat.cluster;

import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.SnapshotName;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cluster of folders: keyspaces are directories, snapshots hard links, loading a rename into place. */
public final class FileClusterAccess implements ClusterAccess {

    private record Move(Path from, Path to) {
    }

    @Override
    public List<String> keyspaces(Node node) throws IOException {
        if (!Files.isDirectory(node.dataDir())) {
            throw new PlanFailedException(node + ": data directory " + node.dataDir() + " does not exist");
        }
        return NodeData.keyspaces(node);
    }

    @Override
    public long dataBytes(Node node, List<String> keyspaces) throws IOException {
        return NodeData.dataBytes(node, keyspaces);
    }

    @Override
    public NodeSnapshot snapshot(Node node, SnapshotName name, List<String> keyspaces, RunOwner owner) throws IOException {
        return HardLinkSnapshot.take(node, name, keyspaces, owner);
    }

    @Override
    public Optional<byte[]> schema(List<String> keyspaces) {
        return Optional.empty();
    }

    @Override
    public Optional<String> existingKeyspace(Node node, Collection<String> keyspaces) {
        return keyspaces.stream()
                .filter(keyspace -> Files.exists(node.dataDir().resolve(keyspace), LinkOption.NOFOLLOW_LINKS))
                .findFirst();
    }

    /** Renames on one file system, so each keyspace appears whole; a failed move puts back the ones done. */
    @Override
    public void load(Map<Node, List<String>> keyspaces, Map<Node, Path> staging, Optional<byte[]> schema) throws IOException {
        Deque<Move> done = new ArrayDeque<>();
        try {
            for (Map.Entry<Node, List<String>> node : keyspaces.entrySet()) {
                for (String keyspace : node.getValue()) {
                    Move move = new Move(staging.get(node.getKey()).resolve(keyspace), node.getKey().dataDir().resolve(keyspace));
                    Files.createDirectories(move.from());
                    moveWithoutReplacing(node.getKey(), keyspace, move);
                    done.push(move);
                }
            }
        } catch (IOException | RuntimeException e) {
            while (!done.isEmpty()) {
                Move move = done.pop();
                Files.move(move.to(), move.from());
            }
            throw e;
        }
    }

    private static void moveWithoutReplacing(Node node, String keyspace, Move move) throws IOException {
        try {
            Files.move(move.from(), move.to());
        } catch (FileAlreadyExistsException e) {
            throw new PlanFailedException(node + ": keyspace " + keyspace + " appeared during the restore; nothing was restored");
        }
    }
}
