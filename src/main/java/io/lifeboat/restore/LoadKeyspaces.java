package io.lifeboat.restore;

import io.lifeboat.cluster.LoadOutcome;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.SchemaChange;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.Sizes;
import io.lifeboat.plan.OnNode;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads what every node staged (the body) into the cluster, all or nothing: the schema first (Cassandra), then
 * the nodes one at a time in node order, each where its data is. When a node's load fails, the nodes loaded
 * before it are unloaded again and the schema dropped, and the failure says what state each node is in.
 * The body becomes the nodes as loaded, each load said in the run's notes.
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
        SchemaChange change = exchange.getProperty(RestorePreflight.SCHEMA_CHANGE, SchemaChange.class);
        run.cluster().createSchema(change, Optional.ofNullable(exchange.getProperty(RestorePreflight.SCHEMA, byte[].class)));
        List<RestoredNode> loaded = new ArrayList<>();
        for (RestoredNode node : staged) {
            try {
                RestoredNode done = (RestoredNode) onNode.run(exchange, RestoreRoutes.LOAD, node);
                loaded.add(done);
                note(run, done);
            } catch (Exception failure) {
                throw undo(exchange, run, staged, loaded, node, failure, change);
            }
        }
        exchange.getMessage().setBody(loaded);
    }

    private static void note(PlanRun run, RestoredNode node) {
        LoadOutcome outcome = node.loaded();
        if (outcome.tablesImported() + outcome.tablesStreamed() == 0) {
            return;
        }
        String imported = outcome.tablesImported() > 0 ? outcome.tablesImported() + " tables loaded in place" : "";
        String streamed = outcome.tablesStreamed() > 0 ? outcome.tablesStreamed() + " tables streamed (" + Sizes.decimal(outcome.bytesStreamed())
                + " sent in " + String.format(Locale.ROOT, "%.1f s", outcome.streaming().toMillis() / 1000.0) + ")" : "";
        run.progress().note(node.node() + ": " + String.join(", ", Stream.of(imported, streamed).filter(text -> !text.isEmpty()).toList()));
    }

    /** Unloads the nodes loaded, last first, drops the schema, and says what became of every node. */
    private PlanFailedException undo(Exchange exchange, PlanRun run, List<RestoredNode> staged, List<RestoredNode> loaded,
                                     RestoredNode failed, Exception failure, SchemaChange change) {
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
                        + "): remove keyspace " + String.join(", ", targets(node)) + " from it by hand");
            }
        }
        run.cluster().dropSchema(change);
        List<Node> loadedNodes = loaded.stream().map(RestoredNode::node).toList();
        for (RestoredNode node : staged) {
            if (node != failed && !loadedNodes.contains(node.node())) {
                states.add(node.node() + " was staged and not loaded");
            }
        }
        String reason = PlanFailedException.of(failed.node().toString(), failure).getMessage();
        return new PlanFailedException(reason + "; " + (whole ? "nothing was restored" : "the restore is NOT undone")
                + (states.isEmpty() ? "" : ": " + String.join(", ", states)), failure);
    }

    /** The names a node's load put into the cluster. */
    private static List<String> targets(RestoredNode node) {
        return node.request().parts().stream().flatMap(part -> part.keyspaces().stream()).map(keyspace -> keyspace.target()).distinct().toList();
    }
}
