package io.lifeboat.backup;

import io.lifeboat.claim.ClaimTakenException;
import io.lifeboat.claim.LeasedClaim;
import io.lifeboat.kernel.BackupMode;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.Keyspaces;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.Strategy;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last of a backup's checks, once every node has answered its survey (the body): the keyspaces asked for
 * exist, and the snapshot name is now claimed by this run alone. What an earlier failed run left under the
 * name (objects without a manifest, unfinished uploads) goes, unless this run resumes the same run of a
 * coordinator that died. An encrypted backup then gets its data key (with its base's). The body becomes the nodes'
 * backup requests.
 */
final class ClaimSnapshotName implements Processor {

    /** The exchange property that carries the name of a differential backup's base snapshot, if any, to the manifest. */
    static final String BASE = "lifeboatBase";

    private final LifeboatSettings settings;

    ClaimSnapshotName(LifeboatSettings settings) {
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        SnapshotStore store = run.store();
        List<SurveyedNode> surveyed = ((List<?>) exchange.getMessage().getMandatoryBody(List.class)).stream()
                .map(SurveyedNode.class::cast).toList();
        List<NodeBackup> nodes = nodeRequests(run, surveyed);
        claim(run, store);
        if (run.request().mode() == BackupMode.DIFFERENTIAL) {
            nodes = differential(run, store, nodes, exchange);
        }
        // A run that completed between the first look and the claim.
        BackupPreflight.refuseIfComplete(run, store);
        if (!run.resumed()) {
            // Holding the claim, everything else under the name is an earlier failed run's.
            UnderTheName.removeAllButTheClaim(run);
        } else {
            abandonLocalUploads(run, store, nodes);
        }
        if (store.sealingKeyId().isPresent()) {
            store.seal(run.snapshot(), Optional.ofNullable(exchange.getProperty(BASE, String.class)).map(SnapshotName::new));
        }
        exchange.getMessage().setBody(nodes);
    }

    private List<NodeBackup> nodeRequests(PlanRun run, List<SurveyedNode> surveyed) {
        KeyspaceFilter filter = run.request().keyspaces();
        int compressionThreads = compressionThreads(run, surveyed.size());
        List<NodeBackup> requests = new ArrayList<>();
        for (SurveyedNode node : surveyed) {
            requests.add(new NodeBackup(node.node(), node.keyspaces(), compressionThreads, null, null));
            run.progress().node(node.node().index()).expect(node.dataBytes());
        }
        List<String> found = Keyspaces.union(requests.stream().map(NodeBackup::keyspaces));
        List<String> missing = filter.missingFrom(found);
        if (!missing.isEmpty()) {
            throw new PlanFailedException("keyspace " + String.join(", ", missing) + " is on no node of cluster "
                    + run.request().cluster().name());
        }
        if (found.isEmpty()) {
            throw new PlanFailedException("cluster " + run.request().cluster().name() + " has no keyspace to back up");
        }
        return requests;
    }

    /**
     * A differential backup's nodes upload their new files into a folder of this run's own, and start from their file
     * lists in the base snapshot.
     */
    private static List<NodeBackup> differential(PlanRun run, SnapshotStore store, List<NodeBackup> nodes, Exchange exchange)
            throws IOException {
        Optional<Manifest> base = DifferentialBase.latest(store, run.request().cluster().name(), run.snapshot());
        base.ifPresent(manifest -> exchange.setProperty(BASE, manifest.snapshot()));
        String folder = UnderTheName.runFolder(run);
        List<NodeBackup> requests = new ArrayList<>();
        for (NodeBackup node : nodes) {
            FileList.Stored previous = base.flatMap(manifest -> manifest.node(node.node().index()))
                    .map(entry -> new FileList.Stored(entry.object(), entry.size(), entry.sha256())).orElse(null);
            requests.add(new NodeBackup(node.node(), node.keyspaces(), node.compressionThreads(),
                    StoreLayout.filesPrefix(run.snapshot(), folder, node.node().index()), previous));
        }
        return requests;
    }

    /** Nodes archived at once share the compression threads. */
    private int compressionThreads(PlanRun run, int nodes) {
        int nodesAtOnce = run.request().strategy() == Strategy.PARALLEL ? Math.min(settings.parallelism(), nodes) : 1;
        return Math.max(1, settings.compressionThreads() / Math.max(1, nodesAtOnce));
    }

    private static void claim(PlanRun run, SnapshotStore store) throws IOException {
        try {
            LeasedClaim claim = store.claim(StoreLayout.claimKey(run.snapshot()), run.owner());
            run.holdClaim(claim, claim.resumed());
        } catch (ClaimTakenException e) {
            throw new PlanFailedException("snapshot " + run.snapshot() + " is being written by another "
                    + e.holder().map(holder -> holder.describe()).orElse("run") + " in " + store.location().describe()
                    + "; wait for it or choose another SNAPSHOT_NAME", e);
        }
    }

    /**
     * Resuming the run of a coordinator that died: its agents' uploads go on, and are kept; the nodes it worked on
     * itself died with it and are redone here, so their unfinished uploads go.
     */
    private static void abandonLocalUploads(PlanRun run, SnapshotStore store, List<NodeBackup> nodes) throws IOException {
        for (NodeBackup node : nodes) {
            if (node.node().agent().isEmpty()) {
                store.abandonUnfinished(StoreLayout.nodePrefix(run.snapshot(), node.node().index()));
            }
        }
    }
}
