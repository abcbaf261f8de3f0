package io.lifeboat.backup;

import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Takes the node's point-in-time snapshot of the run's keyspaces. */
final class SnapshotNode implements Processor {

    static final String SNAPSHOT_PROPERTY = "lifeboatNodeSnapshot";

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        Node node = PlanRun.nodeOf(exchange);
        NodeSnapshot snapshot = run.cluster().snapshot(node, run.snapshot(), run.keyspacesOf(node), run.owner());
        exchange.setProperty(SNAPSHOT_PROPERTY, snapshot);
        run.progress().node(node.index()).start(snapshot.dataBytes());
    }
}
