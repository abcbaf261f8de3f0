package io.lifeboat.backup;

import io.lifeboat.cluster.NodeSnapshot;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Takes the node's point-in-time snapshot of its keyspaces, kept in the node's {@link #SNAPSHOT} property until removed. */
final class SnapshotNode implements Processor {

    static final String SNAPSHOT = "lifeboatNodeSnapshot";

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        NodeBackup request = exchange.getMessage().getMandatoryBody(NodeBackup.class);
        // A stop asked for while the node waited its turn: it does not start.
        run.progress().throwIfStopRequested();
        NodeSnapshot snapshot = run.cluster().snapshot(request.node(), run.snapshot(), request.keyspaces(), run.owner());
        exchange.setProperty(SNAPSHOT, snapshot);
        run.progress().node(request.node().index()).start(snapshot.dataBytes());
    }
}
