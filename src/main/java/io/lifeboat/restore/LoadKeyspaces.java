package io.lifeboat.restore;

import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.Keyspaces;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.plan.OnNode;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Loads what every node staged (the body) into the cluster, all or nothing: the schema first (Cassandra), then
 * the nodes one at a time in node order, each where its data is. When a node's load fails, the nodes loaded
 * before it are unloaded again and the schema dropped, and the failure says what state each node is in.
 * The body is unchanged.
 */
final class LoadKeyspaces implements Processor {

    private final OnNode onNode;

    LoadKeyspaces(OnNode onNode) {
        this.onNode = onNode;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        run.progress().throwIfStopRequested();
        List<RestoredNode> staged = ((List<?>) exchange.getMessage().getMandatoryBody(List.class)).stream().map(RestoredNode.class::cast)
                .sorted(Comparator.comparingInt(node -> node.node().index())).toList();
        List<String> restoring = Keyspaces.union(staged.stream().map(RestoredNode::keyspaces));
        run.cluster().createSchema(restoring, Optional.ofNullable(exchange.getProperty(RestorePreflight.SCHEMA, byte[].class)));
        List<RestoredNode> loaded = new ArrayList<>();
        for (RestoredNode node : staged) {
            try {
                onNode.run(exchange, RestoreRoutes.LOAD, node);
                loaded.add(node);
            } catch (Exception failure) {
                throw undo(exchange, run, staged, loaded, node, failure, restoring);
            }
        }
    }

    /** Unloads the nodes loaded, last first, drops the schema, and says what became of every node. */
    private PlanFailedException undo(Exchange exchange, PlanRun run, List<RestoredNode> staged, List<RestoredNode> loaded,
                                     RestoredNode failed, Exception failure, List<String> restoring) {
        List<String> states = new ArrayList<>();
        boolean whole = true;
        for (int i = loaded.size() - 1; i >= 0; i--) {
            RestoredNode node = loaded.get(i);
            try {
                onNode.run(exchange, RestoreRoutes.UNLOAD, node);
                states.add(0, node.node() + " was loaded and has been taken out again");
            } catch (Exception undoFailed) {
                whole = false;
                states.add(0, node.node() + " was loaded and could not be taken out (" + Failures.reason(undoFailed)
                        + "): remove keyspace " + String.join(", ", node.keyspaces()) + " from it by hand");
            }
        }
        run.cluster().dropSchema(restoring);
        for (RestoredNode node : staged) {
            if (node != failed && !loaded.contains(node)) {
                states.add(node.node() + " was staged and not loaded");
            }
        }
        String reason = PlanFailedException.of(failed.node().toString(), failure).getMessage();
        return new PlanFailedException(reason + "; " + (whole ? "nothing was restored" : "the restore is NOT undone")
                + (states.isEmpty() ? "" : ": " + String.join(", ", states)), failure);
    }
}
