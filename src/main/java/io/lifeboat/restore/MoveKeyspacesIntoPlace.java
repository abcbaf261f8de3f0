package io.lifeboat.restore;

import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanFailedException;
import io.lifeboat.plan.PlanResult;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Moves every staged keyspace into its node's dataDir: renames on one file system, so each keyspace
 * appears whole. If one move fails, the keyspaces already moved go back, and the target is as it was.
 */
final class MoveKeyspacesIntoPlace implements Processor {

    private record Move(Path from, Path to) {
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        run.progress().throwIfStopRequested();
        Deque<Move> done = new ArrayDeque<>();
        try {
            for (Node node : run.nodes()) {
                Path staging = Staging.of(run, node);
                for (String keyspace : run.keyspacesOf(node)) {
                    Move move = new Move(staging.resolve(keyspace), node.dataDir().resolve(keyspace));
                    Files.createDirectories(move.from());
                    moveWithoutReplacing(node, keyspace, move);
                    done.push(move);
                }
            }
        } catch (IOException | RuntimeException e) {
            undo(done);
            throw e;
        }
        exchange.getMessage().setBody(result(run));
    }

    private static void moveWithoutReplacing(Node node, String keyspace, Move move) throws IOException {
        try {
            Files.move(move.from(), move.to());
        } catch (FileAlreadyExistsException e) {
            throw new PlanFailedException(node + ": keyspace " + keyspace + " appeared during the restore; nothing was restored");
        }
    }

    private static void undo(Deque<Move> done) throws IOException {
        while (!done.isEmpty()) {
            Move move = done.pop();
            Files.move(move.to(), move.from());
        }
    }

    private static PlanResult result(PlanRun run) {
        Manifest manifest = run.manifest().orElseThrow();
        int files = 0;
        long dataBytes = 0;
        long storedBytes = 0;
        for (Node node : run.nodes()) {
            NodeManifest nodeManifest = manifest.node(node.index()).orElseThrow();
            Set<String> keyspaces = Set.copyOf(run.keyspacesOf(node));
            for (var file : nodeManifest.files()) {
                if (keyspaces.contains(file.path().split("/", 2)[0])) {
                    files++;
                    dataBytes += file.size();
                }
            }
            storedBytes += nodeManifest.size();
        }
        return new PlanResult(run.request().plan(), run.snapshot(), run.store().location().describe(), run.nodes().size(), files,
                dataBytes, storedBytes, Duration.between(run.startedAt(), Instant.now()));
    }
}
