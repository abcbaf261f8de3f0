package io.lifeboat.backup;

import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Takes the node's point-in-time snapshot of its keyspaces (or of their tables asked for), held by the run until the node is let go. */
final class SnapshotNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        NodeBackup request = exchange.getMessage().getMandatoryBody(NodeBackup.class);
        // A stop asked for while the node waited its turn: it does not start.
        run.progress().throwIfStopRequested();
        NodeSnapshot snapshot = run.cluster().snapshot(request.node(), run.snapshot(),
                run.request().keyspaces().entries(request.keyspaces()), run.owner());
        run.hold(request.node(), snapshot);
        run.progress().node(request.node().index()).expect(snapshot.dataBytes());
    }
}
