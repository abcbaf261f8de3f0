package io.lifeboat.backup;

import io.lifeboat.cluster.NodeSnapshot;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Removes the node's snapshot, whether its archive reached the store or not. */
final class RemoveSnapshot implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        NodeSnapshot snapshot = exchange.getProperty(SnapshotNode.SNAPSHOT, NodeSnapshot.class);
        if (snapshot != null) {
            snapshot.close();
        }
    }
}
