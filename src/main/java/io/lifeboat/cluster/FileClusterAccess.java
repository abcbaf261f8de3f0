package io.lifeboat.cluster;

import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.SnapshotName;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

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
    public Optional<String> existing(Node node, Collection<String> keyspaces) {
        return keyspaces.stream()
                .filter(keyspace -> Files.exists(node.dataDir().resolve(keyspace), LinkOption.NOFOLLOW_LINKS))
                .findFirst();
    }

    @Override
    public void createSchema(SchemaChange change, Optional<byte[]> schema) {
        // A file cluster's keyspaces carry their own schema.
    }

    /** Renames on one file system, so each keyspace appears whole, under its target name; a failed move puts back the ones done. */
    @Override
    public LoadOutcome load(Node node, Path staging, NodeLoad load, LongConsumer streamed) throws IOException {
        Deque<Move> done = new ArrayDeque<>();
        try {
            for (Move move : moves(node, staging, load)) {
                Files.createDirectories(move.from());
                moveWithoutReplacing(node, move);
                done.push(move);
            }
        } catch (IOException | RuntimeException e) {
            undo(done);
            throw e;
        }
        return new LoadOutcome(done.size(), 0, 0, Duration.ZERO);
    }

    @Override
    public void unload(Node node, Path staging, NodeLoad load) throws IOException {
        Deque<Move> done = new ArrayDeque<>();
        moves(node, staging, load).forEach(done::push);
        undo(done);
    }

    @Override
    public void dropSchema(SchemaChange change) {
        // Nothing was created apart from the keyspaces' folders, which unload took back.
    }

    private static List<Move> moves(Node node, Path staging, NodeLoad load) {
        List<Move> moves = new ArrayList<>();
        for (PartLoad part : load.parts()) {
            for (KeyspaceLoad keyspace : part.keyspaces()) {
                moves.add(new Move(part.folder(staging).resolve(keyspace.keyspace()), node.dataDir().resolve(keyspace.target())));
            }
        }
        return moves;
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

    private static void moveWithoutReplacing(Node node, Move move) throws IOException {
        try {
            Files.move(move.from(), move.to());
        } catch (FileAlreadyExistsException e) {
            throw new PlanFailedException(node + ": keyspace " + move.to().getFileName() + " appeared during the restore; nothing was restored");
        }
    }
}
