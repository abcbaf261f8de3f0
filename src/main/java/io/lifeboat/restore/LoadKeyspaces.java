package io.lifeboat.restore;

import io.lifeboat.claim.Claim;
import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the verified keyspaces of every node into the cluster, all or nothing: moved into place for a
 * file cluster, schema created and SSTables imported for Cassandra.
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
        Map<Node, List<String>> keyspaces = new LinkedHashMap<>();
        Map<Node, Path> staging = new LinkedHashMap<>();
        for (Node node : run.nodes()) {
            keyspaces.put(node, run.keyspacesOf(node));
            staging.put(node, Staging.of(run, node));
        }
        run.cluster().load(keyspaces, staging, run.schema());
        exchange.getMessage().setBody(result(run));
    }

    private static PlanResult result(PlanRun run) {
        Manifest manifest = run.manifest().orElseThrow();
        long storedBytes = run.nodes().stream().mapToLong(node -> manifest.node(node.index()).orElseThrow().size()).sum();
        List<NodeArchiveReader.Extracted> extracted = run.extractedNodes();
        return new PlanResult(run.request().plan(), run.snapshot(), run.store().location().describe(), run.nodes().size(),
                extracted.stream().mapToLong(NodeArchiveReader.Extracted::files).sum(),
                extracted.stream().mapToLong(NodeArchiveReader.Extracted::dataBytes).sum(), storedBytes,
                Duration.between(run.startedAt(), Instant.now()));
    }
}
