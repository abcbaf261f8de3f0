package io.lifeboat.backup;

import io.lifeboat.archive.NodeArchiveWriter;
import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.kernel.Strategy;
import io.lifeboat.kernel.LifeboatSettings;
import java.util.concurrent.ExecutorService;
import io.lifeboat.kernel.RunProgress;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Turns the node's snapshot into the archive to store, as a source the store pulls through its upload. */
final class ArchiveNode implements Processor {

    private final LifeboatSettings settings;
    private final ExecutorService compressionPool;

    ArchiveNode(LifeboatSettings settings, ExecutorService compressionPool) {
        this.settings = settings;
        this.compressionPool = compressionPool;
    }

    @Override
    public void process(Exchange exchange) {
        PlanRun run = PlanRun.of(exchange);
        NodeSnapshot snapshot = exchange.getProperty(SnapshotNode.SNAPSHOT_PROPERTY, NodeSnapshot.class);
        RunProgress.NodeStep step = run.progress().node(snapshot.node().index());
        NodeArchiveWriter writer = new NodeArchiveWriter(run.request().compression(), run.request().compressionLevel(),
                compressionThreads(run), compressionPool);
        exchange.getMessage().setBody((ArchiveSource) (sink, files) -> writer.write(snapshot.roots(), sink, files, step::add));
    }

    /** Nodes archived at once share the compression threads, so a parallel run does not oversubscribe the cores. */
    private int compressionThreads(PlanRun run) {
        int nodesAtOnce = run.request().strategy() == Strategy.PARALLEL ? Math.min(settings.parallelism(), run.nodes().size()) : 1;
        return Math.max(1, settings.compressionThreads() / Math.max(1, nodesAtOnce));
    }
}
