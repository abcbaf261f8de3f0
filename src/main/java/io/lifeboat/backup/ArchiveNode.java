package io.lifeboat.backup;

import io.lifeboat.archive.NodeArchiveWriter;
import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.plan.RunProgress;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Turns the node's snapshot into the archive to store, as a source the store pulls through its upload. */
final class ArchiveNode implements Processor {

    private final NodeArchiveWriter writer;

    ArchiveNode(int gzipLevel) {
        this.writer = new NodeArchiveWriter(gzipLevel);
    }

    @Override
    public void process(Exchange exchange) {
        NodeSnapshot snapshot = exchange.getProperty(SnapshotNode.SNAPSHOT_PROPERTY, NodeSnapshot.class);
        RunProgress.NodeStep step = PlanRun.of(exchange).progress().node(snapshot.node().index());
        exchange.getMessage().setBody((ArchiveSource) sink -> writer.write(snapshot.roots(), sink, step::add));
    }
}
