package io.lifeboat.plan;

import io.lifeboat.claim.Claim;
import io.lifeboat.claim.RunOwner;
import io.lifeboat.cluster.ClusterAccess;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.store.SnapshotStore;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every step of one run shares: the request, the open store and cluster, the progress (with the stop
 * request), and the claims the run holds. What nodes do travels in the messages, not here.
 */
public final class PlanRun {

    /** The exchange property that carries the run through every route. */
    public static final String PROPERTY = "lifeboatRun";

    private final PlanRequest request;
    private final SnapshotStore store;
    private final ClusterAccess cluster;
    private final RunProgress progress;
    private final Instant startedAt = Instant.now();
    private final RunOwner owner;
    private final Map<Node, Claim> nodeClaims = new ConcurrentHashMap<>();
    private volatile Claim claim;
    private volatile boolean nodesHalted;

    public PlanRun(PlanRequest request, SnapshotStore store, ClusterAccess cluster, RunProgress progress) {
        this.request = request;
        this.store = store;
        this.cluster = cluster;
        this.progress = progress;
        this.owner = RunOwner.started(progress.id(), startedAt);
    }

    public static PlanRun of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, PlanRun.class);
    }

    public PlanRequest request() {
        return request;
    }

    public SnapshotName snapshot() {
        return request.snapshot();
    }

    public SnapshotStore store() {
        return store;
    }

    /** The data service the plan works on. */
    public ClusterAccess cluster() {
        return cluster;
    }

    public RunProgress progress() {
        return progress;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** This run, as the claims it takes name it to whoever they refuse. */
    public RunOwner owner() {
        return owner;
    }

    /** A node failed: the nodes not yet started are not started. */
    public void haltNodes() {
        nodesHalted = true;
    }

    public boolean nodesHalted() {
        return nodesHalted;
    }

    /** A backup's claim on its snapshot name, from the check to the end of the run. */
    public Optional<Claim> claim() {
        return Optional.ofNullable(claim);
    }

    public void holdClaim(Claim claim) {
        this.claim = claim;
    }

    /** A restore's claims on its target nodes, from the check to the end of the run. */
    public void holdNodeClaim(Node node, Claim claim) {
        nodeClaims.put(node, claim);
    }

    /** The target nodes this restore holds, with their claims. */
    public Map<Node, Claim> nodeClaims() {
        return Map.copyOf(nodeClaims);
    }
}
