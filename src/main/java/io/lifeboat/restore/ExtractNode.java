package io.lifeboat.restore;

import io.lifeboat.kernel.Compression;
import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.cluster.Node;
import io.lifeboat.archive.ExpectedFiles;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.manifest.StoredFileList;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.store.SnapshotStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Streams one node's archive from the store into its staging folder, verified against the manifest and its file list. */
final class ExtractNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        Node node = PlanRun.nodeOf(exchange);
        NodeManifest expected = run.manifest().orElseThrow().node(node.index()).orElseThrow();
        Path staging = Staging.of(run, node);
        Files.createDirectories(staging);
        RunProgress.NodeStep step = run.progress().node(node.index());
        step.start(expected.size());
        Compression compression = Compression.parse("compression", run.manifest().orElseThrow().compression());
        NodeArchiveReader reader = new NodeArchiveReader(new NodeArchiveReader.ArchiveObject(expected.object(), expected.size(),
                expected.sha256()), compression, Set.copyOf(run.keyspacesOf(node)), staging, step::add);
        try (ExpectedFiles files = expectedFiles(run.store(), expected.files());
             InputStream archive = run.store().download(expected.object())) {
            run.recordExtracted(node, reader.extract(archive, files));
        }
        step.complete();
    }

    private static ExpectedFiles expectedFiles(SnapshotStore store, FileList list) throws IOException {
        if (list instanceof FileList.Stored stored) {
            return StoredFileList.open(stored, store.download(stored.object()));
        }
        return ExpectedFiles.inline(((FileList.Inline) list).files());
    }
}
