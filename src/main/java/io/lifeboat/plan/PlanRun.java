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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every step of one run shares: the request, the open store and cluster, the progress (with the stop
 * request), the claim on the snapshot name, and what the run holds on each node from one phase to the next
 * (a snapshot, a claim, a staging folder, the session on the node's agent) until it lets the node go. What
 * the nodes do travels in the messages, not here. Closing the run closes its store and cluster.
 */
public final class PlanRun implements AutoCloseable {

    /** The exchange property that carries the run through every route. */
    public static final String PROPERTY = "lifeboatRun";

    private final PlanRequest request;
    private final SnapshotStore store;
    private final ClusterAccess cluster;
    private final RunProgress progress;
    private final Instant startedAt = Instant.now();
    private final RunOwner owner;
    private final Map<Node, Deque<AutoCloseable>> held = new ConcurrentHashMap<>();
    private volatile Claim claim;
    private volatile boolean resumed;
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

    /**
     * Holds the snapshot name; {@code resumed} when the claim was this same run's, left by a coordinator that
     * died (a scheduled fire taken over by another): what it had written under the name is kept.
     */
    public void holdClaim(Claim claim, boolean resumed) {
        this.claim = claim;
        this.resumed = resumed;
    }

    /** Whether this run carries on the work of the same run on a coordinator that died. */
    public boolean resumed() {
        return resumed;
    }

    /** Holds {@code resource} on the node until the node is let go; closing it gives it up. */
    public void hold(Node node, AutoCloseable resource) {
        Deque<AutoCloseable> resources = held.computeIfAbsent(node, any -> new ArrayDeque<>());
        synchronized (resources) {
            resources.push(resource);
        }
    }

    /** What the run holds on the node of the given type, the most recent first. */
    public <T> Optional<T> held(Node node, Class<T> type) {
        Deque<AutoCloseable> resources = held.get(node);
        if (resources == null) {
            return Optional.empty();
        }
        synchronized (resources) {
            return resources.stream().filter(type::isInstance).map(type::cast).findFirst();
        }
    }

    /**
     * Lets the node go: closes everything the run holds on it, the last held first (a staging folder before the
     * claim under which it was made). Every one is closed; the first failure is thrown after.
     */
    public void release(Node node) throws Exception {
        Deque<AutoCloseable> resources = held.remove(node);
        if (resources == null) {
            return;
        }
        Exception first = null;
        synchronized (resources) {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The nodes on which the run holds anything. */
    public List<Node> nodesHeld() {
        return new ArrayList<>(held.keySet());
    }

    /** The run is over: its claims are no longer held by a live run, and its store and cluster are closed. */
    @Override
    public void close() {
        owner.ended();
        try {
            cluster.close();
        } finally {
            store.close();
        }
    }
}
