package io.lifeboat.restore;

import io.lifeboat.archive.Compression;
import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.plan.RunProgress;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Streams one node's archive from the store into its staging folder, verified against the manifest. */
final class ExtractNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        Node node = PlanRun.nodeOf(exchange);
        NodeManifest expected = run.manifest().orElseThrow().node(node.index()).orElseThrow();
        Path staging = Staging.of(run, node);
        Files.createDirectories(staging);
        RunProgress.NodeStep step = run.progress().node(node.index());
        step.start(expected.dataBytes());
        try (InputStream archive = run.store().download(expected.object())) {
            Compression compression = Compression.parse("compression", run.manifest().orElseThrow().compression());
            new NodeArchiveReader(expected, compression, Set.copyOf(run.keyspacesOf(node)), staging, step::add).extract(archive);
        }
        step.complete();
    }
}
