package io.lifeboat.backup;

import io.lifeboat.claim.ClaimTakenException;
import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.BackupMode;
import io.lifeboat.kernel.Keyspaces;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.SnapshotSummary;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the manifest from the nodes' entries (the body), last, once every node's archive and file list are in
 * the store at the size they were written with and this run still holds the name; then reads it back. Only a
 * manifest that reads back intact makes the backup complete. The body becomes the plan's result.
 */
final class WriteManifest implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WriteManifest.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        PlanRequest request = run.request();
        SnapshotStore store = run.store();
        List<ArchivedNode> archived = ((List<?>) exchange.getMessage().getMandatoryBody(List.class)).stream().map(ArchivedNode.class::cast)
                .sorted(Comparator.comparingInt(node -> node.node().index())).toList();
        List<NodeManifest> nodes = archived.stream().map(ArchivedNode::entry).toList();
        // A run that lost the name says so, rather than that another run's objects differ from its own.
        checkStillClaimed(run);
        for (NodeManifest node : nodes) {
            checkStored(store, node.index(), node.object(), node.size());
            if (node.files() instanceof FileList.Stored list) {
                checkStored(store, node.index(), list.object(), list.size());
            }
        }
        boolean differential = request.mode() == BackupMode.DIFFERENTIAL;
        String base = exchange.getProperty(ClaimSnapshotName.BASE, String.class);
        SaveSchema.Saved saved = exchange.getProperty(SaveSchema.SAVED, SaveSchema.Saved.class);
        int format = saved.ring() != null ? Manifest.RING_FORMAT_VERSION
                : differential ? Manifest.DIFFERENTIAL_FORMAT_VERSION : Manifest.FORMAT_VERSION;
        Manifest manifest = new Manifest(format, request.snapshot().value(), request.cluster().name(),
                request.cluster().type().name().toLowerCase(Locale.ROOT), run.startedAt(), Instant.now(), request.strategy().label(),
                request.compression().label(), Keyspaces.union(nodes.stream().map(NodeManifest::keyspaces)), saved.entry(), nodes,
                request.mode(), base, saved.ring(), saved.tables());
        // A stop asked for after the last node still leaves the snapshot incomplete.
        run.progress().throwIfStopRequested();
        byte[] json = ManifestCodec.write(manifest);
        String key = StoreLayout.manifestKey(request.snapshot());
        checkStillClaimed(run);
        if (!store.putIfAbsent(key, json)) {
            throw new PlanFailedException(key + " was written by another run while this one ran; this run's data is not the snapshot");
        }
        if (!Arrays.equals(store.read(key), json)) {
            store.delete(key);
            throw new PlanFailedException(key + " did not read back as written; the snapshot is not complete");
        }
        if (base != null) {
            checkBaseKept(store, key, new SnapshotName(base));
        }
        Optional<String> keyId = store.encryptionKeyId(request.snapshot().value());
        if (differential || keyId.isPresent()) {
            writeSummary(store, manifest, keyId);
        }
        exchange.getMessage().setBody(new PlanResult(request.plan(), request.snapshot(), store.location().describe(), nodes.size(),
                archived.stream().mapToLong(ArchivedNode::files).sum(), archived.stream().mapToLong(ArchivedNode::dataBytes).sum(),
                manifest.storedBytes(), Duration.between(run.startedAt(), manifest.completedAt())));
    }

    /**
     * The files this snapshot shares with its base stay only while a manifest refers to them: a purge that dropped the
     * base before it could see this manifest may take them. Checked once this manifest is in place, so that a purge
     * either sees it or has already dropped the base, and this snapshot withdraws.
     */
    private static void checkBaseKept(SnapshotStore store, String key, SnapshotName base) throws IOException {
        if (DifferentialBase.manifest(store, base).isEmpty()) {
            store.delete(key);
            throw new PlanFailedException("snapshot " + base + ", which this backup started from, was removed while it ran (a purge?);"
                    + " no manifest was written; run the backup again");
        }
    }

    /**
     * The summary makes listing quick; without it the snapshot is still complete, and listed from its manifest. Full
     * snapshots keep the layout of the system Lifeboat replaces, with nothing beside it: they list from their manifests,
     * unless encrypted (a manifest that only its key opens).
     */
    private static void writeSummary(SnapshotStore store, Manifest manifest, Optional<String> keyId) {
        SnapshotName snapshot = new SnapshotName(manifest.snapshot());
        try {
            store.put(SnapshotSummary.of(manifest, keyId).key(), new byte[0]);
        } catch (IOException e) {
            LOG.warn("snapshot {} is complete, but its summary could not be written: {}", snapshot, e.getMessage());
        }
    }

    /** An object is in the store at the size it was written with, or the snapshot is not complete. */
    private static void checkStored(SnapshotStore store, int node, String key, long written) throws IOException {
        Optional<Long> stored = store.size(key);
        if (stored.isEmpty() || stored.get() != written) {
            throw new PlanFailedException("node " + node + ": " + key + " is " + stored.map(size -> size + " bytes").orElse("missing")
                    + " in the store, but " + written + " bytes were written");
        }
    }

    private static void checkStillClaimed(PlanRun run) throws IOException {
        try {
            run.claim().orElseThrow().checkHeld();
        } catch (ClaimTakenException e) {
            throw new PlanFailedException("another " + e.holder().map(RunOwner::describe).orElse("run") + " took snapshot name "
                    + run.snapshot() + " over while this one ran (it had stopped renewing its claim); no manifest was written", e);
        }
    }
}
