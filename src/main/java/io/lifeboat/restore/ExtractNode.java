package io.lifeboat.restore;

import io.lifeboat.archive.ExpectedFiles;
import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.manifest.StoredFileList;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Streams one node's archive from the store into its staging folder, verified against the manifest and its
 * file list; the body becomes what was staged. A node of a differential snapshot is staged file by file instead.
 */
final class ExtractNode implements Processor {

    private final Processor perFile;

    /** @param perFile stages a node of a differential snapshot, whose files are objects of their own */
    ExtractNode(Processor perFile) {
        this.perFile = perFile;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        NodeRestore request = exchange.getMessage().getMandatoryBody(NodeRestore.class);
        if (request.snapshot().perFile()) {
            perFile.process(exchange);
            return;
        }
        PlanRun run = PlanRun.of(exchange);
        // A stop asked for while the node waited its turn: it does not start.
        run.progress().throwIfStopRequested();
        NodeManifest expected = request.snapshot();
        Staging staging = Staging.open(run, request.node());
        RunProgress.NodeStep step = run.progress().node(request.node().index());
        step.start(expected.size());
        NodeArchiveReader reader = new NodeArchiveReader(new NodeArchiveReader.ArchiveObject(expected.object(), expected.size(),
                expected.sha256()), request.compression(), Set.copyOf(request.keyspaces()), staging.folder(), step::add);
        try (ExpectedFiles files = expectedFiles(run.store(), expected.files());
             InputStream archive = run.store().download(expected.object())) {
            NodeArchiveReader.Extracted extracted = reader.extract(archive, files);
            exchange.getMessage().setBody(new RestoredNode(request.node(), request.keyspaces(), extracted, expected.size()));
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
