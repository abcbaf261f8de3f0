package io.lifeboat.restore;

import io.lifeboat.claim.Claim;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the verified keyspaces of every node (the body: what each node restored) into the cluster, all or
 * nothing: moved into place for a file cluster, schema created and SSTables imported for Cassandra. The
 * body becomes the plan's result.
 */
final class LoadKeyspaces implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        run.progress().throwIfStopRequested();
        // A restore that lost a node to another run (it had stopped renewing its claim) must not load into it.
        for (Claim claim : run.nodeClaims().values()) {
            claim.checkHeld();
        }
        List<RestoredNode> restored = ((List<?>) exchange.getMessage().getMandatoryBody(List.class)).stream().map(RestoredNode.class::cast)
                .sorted(Comparator.comparingInt(node -> node.node().index())).toList();
        Map<Node, List<String>> keyspaces = new LinkedHashMap<>();
        Map<Node, Path> staging = new LinkedHashMap<>();
        for (RestoredNode node : restored) {
            keyspaces.put(node.node(), node.keyspaces());
            staging.put(node.node(), Staging.of(run, node.node()));
        }
        run.cluster().load(keyspaces, staging, Optional.ofNullable(exchange.getProperty(RestorePreflight.SCHEMA, byte[].class)));
        exchange.getMessage().setBody(new PlanResult(run.request().plan(), run.snapshot(), run.store().location().describe(), restored.size(),
                restored.stream().mapToLong(node -> node.extracted().files()).sum(),
                restored.stream().mapToLong(node -> node.extracted().dataBytes()).sum(),
                restored.stream().mapToLong(RestoredNode::storedBytes).sum(), Duration.between(run.startedAt(), Instant.now())));
    }
}
