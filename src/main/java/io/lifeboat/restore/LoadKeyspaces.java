package io.lifeboat.restore;

import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanResult;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the verified keyspaces of every node into the cluster, all or nothing: moved into place for a
 * file cluster, schema created and SSTables imported for Cassandra.
 */
final class LoadKeyspaces implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        run.progress().throwIfStopRequested();
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
        int files = 0;
        long dataBytes = 0;
        long storedBytes = 0;
        for (Node node : run.nodes()) {
            NodeManifest nodeManifest = manifest.node(node.index()).orElseThrow();
            Set<String> keyspaces = Set.copyOf(run.keyspacesOf(node));
            for (var file : nodeManifest.files()) {
                if (keyspaces.contains(file.path().split("/", 2)[0])) {
                    files++;
                    dataBytes += file.size();
                }
            }
            storedBytes += nodeManifest.size();
        }
        return new PlanResult(run.request().plan(), run.snapshot(), run.store().location().describe(), run.nodes().size(), files,
                dataBytes, storedBytes, Duration.between(run.startedAt(), Instant.now()));
    }
}
