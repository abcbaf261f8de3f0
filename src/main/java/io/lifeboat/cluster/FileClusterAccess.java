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

    @Override
    public void createSchema(List<String> keyspaces, Optional<byte[]> schema) {
        // A file cluster's keyspaces carry their own schema.
    }

    /** Renames on one file system, so each keyspace appears whole; a failed move puts back the ones done. */
    @Override
    public void load(Node node, List<String> keyspaces, Path staging) throws IOException {
        Deque<Move> done = new ArrayDeque<>();
        try {
            for (String keyspace : keyspaces) {
                Move move = new Move(staging.resolve(keyspace), node.dataDir().resolve(keyspace));
                Files.createDirectories(move.from());
                moveWithoutReplacing(node, keyspace, move);
                done.push(move);
            }
        } catch (IOException | RuntimeException e) {
            undo(done);
            throw e;
        }
    }

    @Override
    public void unload(Node node, List<String> keyspaces, Path staging) throws IOException {
        Deque<Move> done = new ArrayDeque<>();
        for (String keyspace : keyspaces) {
            done.push(new Move(staging.resolve(keyspace), node.dataDir().resolve(keyspace)));
        }
        undo(done);
    }

    @Override
    public void dropSchema(List<String> keyspaces) {
        // Nothing was created apart from the keyspaces' folders, which unload took back.
    }

    private static void undo(Deque<Move> done) throws IOException {
        while (!done.isEmpty()) {
            Move move = done.pop();
            if (Files.exists(move.to(), LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(move.from().getParent());
                Files.move(move.to(), move.from());
            }
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
