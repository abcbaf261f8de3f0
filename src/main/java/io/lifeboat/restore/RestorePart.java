package io.lifeboat.restore;

import io.lifeboat.cluster.KeyspaceLoad;
import io.lifeboat.cluster.PartLoad;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.NodeManifest;

import java.util.List;

/** One backed-up node's part of a target node's restore: its part of the snapshot, and how each of its keyspaces goes in. */
record RestorePart(NodeManifest snapshot, List<KeyspaceLoad> keyspaces) {

    RestorePart {
        keyspaces = List.copyOf(keyspaces);
    }

    /** The keyspaces staged, as the snapshot names them. */
    List<String> stagedKeyspaces() {
        return keyspaces.stream().map(KeyspaceLoad::keyspace).toList();
    }

    PartLoad load() {
        return new PartLoad(snapshot.index(), keyspaces);
    }

    /** The bytes staging reads: the archive, or a differential snapshot's files. */
    long expectedBytes() {
        return snapshot.files() instanceof FileList.PerFileObjects files ? files.dataBytes() : snapshot.size();
    }
}
