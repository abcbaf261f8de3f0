package io.lifeboat.restore;

import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.cluster.LoadOutcome;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Stages every backed-up node's part the target node takes: each streamed from the store into a folder of its own in the
 * node's staging folder, verified, only the keyspaces and tables restored written. The body becomes what was staged.
 */
final class StageNode implements Processor {

    private final FetchNodeFiles perFile;

    /** @param perFile stages a part of a differential snapshot, whose files are objects of their own */
    StageNode(FetchNodeFiles perFile) {
        this.perFile = perFile;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        NodeRestore request = exchange.getMessage().getMandatoryBody(NodeRestore.class);
        PlanRun run = PlanRun.of(exchange);
        // A stop asked for while the node waited its turn: it does not start.
        run.progress().throwIfStopRequested();
        Staging staging = Staging.open(run, request.node());
        RunProgress.NodeStep step = run.progress().node(request.node().index());
        step.start(request.expectedBytes());
        long files = 0;
        long bytes = 0;
        long stored = 0;
        for (RestorePart part : request.parts()) {
            Path folder = Files.createDirectories(part.load().folder(staging.folder()));
            Predicate<String> selected = selection(run.request().keyspaces(), part);
            StagedPart staged = part.snapshot().perFile() ? perFile.stage(run.store(), part.snapshot(), selected, folder, step::add)
                    : ArchivePart.stage(run.store(), part.snapshot(), request.compression(), selected, folder, step::add);
            files += staged.extracted().files();
            bytes += staged.extracted().dataBytes();
            stored += staged.storedBytes();
        }
        exchange.getMessage().setBody(new RestoredNode(request, new NodeArchiveReader.Extracted(files, bytes), stored, LoadOutcome.NOTHING));
        step.complete();
    }

    /** The part's keyspaces restored, and of a keyspace restored table by table only its tables. */
    private static Predicate<String> selection(KeyspaceFilter filter, RestorePart part) {
        Predicate<String> keyspaces = NodeArchiveReader.inKeyspaces(Set.copyOf(part.stagedKeyspaces()));
        return path -> keyspaces.test(path) && filter.selectsPath(path);
    }
}
