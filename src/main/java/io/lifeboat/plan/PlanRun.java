package io.lifeboat.plan;

import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.SnapshotName;

import io.lifeboat.archive.NodeArchiveReader;
import io.lifeboat.cluster.Node;
import io.lifeboat.claim.Claim;
import io.lifeboat.claim.RunOwner;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.manifest.SchemaEntry;
import io.lifeboat.cluster.ClusterAccess;
import io.lifeboat.store.SnapshotStore;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a plan as it goes through the routes: the request, the open store, what each node has done
 * and the first failure. Shared by every node's exchange, so its state is thread-safe.
 */
public final class PlanRun {

    /** The exchange property that carries the run through every route. */
    public static final String PROPERTY = "lifeboatRun";
    /** The exchange property that carries the node a per-node route works on. */
    public static final String NODE_PROPERTY = "lifeboatNode";

    private final PlanRequest request;
    private final SnapshotStore store;
    private final ClusterAccess cluster;
    private final RunProgress progress;
    private final Instant startedAt = Instant.now();
    private final RunOwner owner;
    private final Map<Integer, List<String>> keyspacesByNode = new ConcurrentSkipListMap<>();
    private final Map<Integer, ArchivedNode> archivedNodes = new ConcurrentHashMap<>();
    private final Map<Integer, NodeArchiveReader.Extracted> extractedNodes = new ConcurrentHashMap<>();
    private final AtomicReference<PlanFailedException> failure = new AtomicReference<>();
    private volatile Manifest manifest;
    private volatile Claim claim;
    private final Map<Node, Claim> nodeClaims = new ConcurrentHashMap<>();

    private volatile SchemaEntry schemaEntry;
    private volatile byte[] schema;

    public PlanRun(PlanRequest request, SnapshotStore store, ClusterAccess cluster, RunProgress progress) {
        this.request = request;
        this.store = store;
        this.cluster = cluster;
        this.progress = progress;
        this.owner = RunOwner.started(progress.id(), startedAt);
    }

    /** This run, as the claims and locks it takes name it to whoever they refuse. */
    public RunOwner owner() {
        return owner;
    }

    /** The data service the plan works on. */
    public ClusterAccess cluster() {
        return cluster;
    }

    /** The schema saved by a backup, or read by a restore (verified). */
    public Optional<byte[]> schema() {
        return Optional.ofNullable(schema);
    }

    public Optional<SchemaEntry> schemaEntry() {
        return Optional.ofNullable(schemaEntry);
    }

    public void setSchema(byte[] schema, SchemaEntry entry) {
        this.schema = schema.clone();
        this.schemaEntry = entry;
    }

    public static PlanRun of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, PlanRun.class);
    }

    public static Node nodeOf(Exchange exchange) {
        return exchange.getProperty(NODE_PROPERTY, Node.class);
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

    public RunProgress progress() {
        return progress;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Decided by the pre-flight check: which keyspaces each node works on. */
    public void assignKeyspaces(Node node, List<String> keyspaces) {
        keyspacesByNode.put(node.index(), List.copyOf(keyspaces));
    }

    public List<String> keyspacesOf(Node node) {
        return keyspacesByNode.getOrDefault(node.index(), List.of());
    }

    /** The nodes the run works on, in index order. */
    public List<Node> nodes() {
        return keyspacesByNode.keySet().stream()
                .map(index -> request.cluster().node(index).orElseThrow())
                .toList();
    }

    /** A node a backup archived: its manifest entry, and what its archive holds. */
    public record ArchivedNode(NodeManifest entry, long files, long dataBytes) {
    }

    public void recordArchive(ArchivedNode node) {
        archivedNodes.put(node.entry().index(), node);
    }

    public List<ArchivedNode> archivedNodes() {
        return archivedNodes.values().stream().sorted(Comparator.comparingInt(node -> node.entry().index())).toList();
    }

    /** A node a restore extracted and verified. */
    public void recordExtracted(Node node, NodeArchiveReader.Extracted extracted) {
        extractedNodes.put(node.index(), extracted);
    }

    public List<NodeArchiveReader.Extracted> extractedNodes() {
        return List.copyOf(extractedNodes.values());
    }

    /** A backup's claim on its snapshot name, from the check to the end of the run. */
    public Optional<Claim> claim() {
        return Optional.ofNullable(claim);
    }

    public void holdClaim(Claim claim) {
        this.claim = claim;
    }

    /** A restore's claims on its target nodes, from the check to the end of the run. */
    public void holdNodeClaim(Node node, Claim lock) {
        nodeClaims.put(node, lock);
    }

    /** The target nodes this restore holds, with their claims. */
    public Map<Node, Claim> nodeClaims() {
        return Map.copyOf(nodeClaims);
    }

    /** The snapshot's manifest: read by a restore, written by a backup. */
    public Optional<Manifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    public void setManifest(Manifest manifest) {
        this.manifest = manifest;
    }

    /** Keeps the first failure; nodes not yet started then skip their work. */
    public void fail(PlanFailedException cause) {
        failure.compareAndSet(null, cause);
    }

    /** No node failed and nobody asked the run to stop. */
    public boolean healthy() {
        return failure.get() == null && !progress.stopRequested();
    }

    public Optional<PlanFailedException> failure() {
        return Optional.ofNullable(failure.get());
    }

    public void throwIfFailed() {
        PlanFailedException cause = failure.get();
        if (cause != null) {
            throw cause;
        }
        progress.throwIfStopRequested();
    }
}
