package io.lifeboat.restore;

import io.lifeboat.archive.ExpectedFiles;
import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.kernel.Compression;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.manifest.StoredFileList;
import io.lifeboat.store.SnapshotStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/** Streams one backed-up node's archive from the store into its staging folder, verified against the manifest and its file list. */
final class ArchivePart {

    private ArchivePart() {
    }

    static StagedPart stage(SnapshotStore store, NodeManifest expected, Compression compression, Predicate<String> selected, Path folder,
                            LongConsumer progress) throws IOException {
        NodeArchiveReader reader = new NodeArchiveReader(new NodeArchiveReader.ArchiveObject(expected.object(), expected.size(),
                expected.sha256()), compression, selected, folder, progress);
        try (ExpectedFiles files = expectedFiles(store, expected.files());
             InputStream archive = store.download(expected.object())) {
            return new StagedPart(reader.extract(archive, files), expected.size());
        }
    }

    private static ExpectedFiles expectedFiles(SnapshotStore store, FileList list) throws IOException {
        if (list instanceof FileList.Stored stored) {
            return StoredFileList.open(stored, store.download(stored.object()));
        }
        return ExpectedFiles.inline(((FileList.Inline) list).files());
    }
}
