package io.lifeboat.testing;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether the nodes of a test cluster that should run make it whole, as each node's own StorageService tells: it
 * answers CQL, runs in NORMAL mode, sees every running node live and none unreachable, knows every node's tokens,
 * and holds the same schema version as the others.
 */
final class ClusterHealth {

    private static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";
    private static final Duration POLL = Duration.ofMillis(250);

    private final List<ClusterMember> members;
    private final Set<String> hosts = new HashSet<>();
    private final int tokenCount;

    ClusterHealth(List<ClusterMember> members, int tokensPerNode) {
        this.members = List.copyOf(members);
        members.forEach(member -> hosts.add(member.host()));
        this.tokenCount = members.size() * tokensPerNode;
    }

    /**
     * Polls until the cluster is whole; fails at once when a node meant to run has exited, and with the logs of the
     * node last found lacking when {@code timeout} passes.
     */
    void awaitWhole(Duration timeout) {
        await(timeout, "the cluster is not whole", this::wholeProblem);
    }

    /**
     * Polls until every node meant to run holds the same schema version: each reports its own, so this does not
     * answer early as the driver's check can, which compares versions the control node has only heard of.
     */
    void awaitSchemaAgreement(Duration timeout) {
        await(timeout, "the nodes do not agree on the schema", this::schemaProblem);
    }

    private void await(Duration timeout, String failure, Supplier<Optional<Problem>> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Problem> problem = check.get();
        while (problem.isPresent()) {
            if (System.nanoTime() > deadline) {
                throw problem.get().member().failure(failure + " within " + timeout.toSeconds() + " s: "
                        + problem.get().description());
            }
            TestProcesses.sleep(POLL);
            problem = check.get();
        }
    }

    private Optional<Problem> wholeProblem() {
        Set<String> runningHosts = new HashSet<>();
        for (ClusterMember member : running()) {
            runningHosts.add(member.host());
        }
        for (ClusterMember member : running()) {
            if (!member.process().isAlive()) {
                throw member.failure("Cassandra exited");
            }
            Optional<String> lacking = lacking(member, runningHosts);
            if (lacking.isPresent()) {
                return Optional.of(new Problem(member, lacking.get()));
            }
        }
        return schemaProblem();
    }

    private Optional<String> lacking(ClusterMember member, Set<String> runningHosts) {
        if (!member.process().answersCql()) {
            return Optional.of("does not answer CQL");
        }
        Map<String, Object> view;
        try {
            view = asMap(member.jmx().attributes(STORAGE_SERVICE,
                    "OperationMode", "LiveNodes", "UnreachableNodes", "TokenToEndpointMap"));
        } catch (IOException | JMException e) {
            return Optional.of("JMX does not answer: " + e);
        }
        if (!"NORMAL".equals(view.get("OperationMode"))) {
            return Optional.of("operation mode " + view.get("OperationMode"));
        }
        // A node killed a moment ago may still count as live: only the running ones must be.
        Set<String> live = new HashSet<>(stringList(view.get("LiveNodes")));
        if (!live.containsAll(runningHosts)) {
            return Optional.of("sees live only " + live + " of " + runningHosts);
        }
        Set<String> unreachable = new HashSet<>(stringList(view.get("UnreachableNodes")));
        unreachable.retainAll(runningHosts);
        if (!unreachable.isEmpty()) {
            return Optional.of("sees " + unreachable + " unreachable");
        }
        // Live in gossip comes before a node's tokens are known: a write then misses replicas.
        Map<?, ?> tokens = (Map<?, ?>) view.get("TokenToEndpointMap");
        if (tokens == null || tokens.size() != tokenCount || !new HashSet<>(tokens.values()).equals(hosts)) {
            return Optional.of("knows " + (tokens == null ? 0 : tokens.size()) + " of " + tokenCount + " tokens");
        }
        return Optional.empty();
    }

    private Optional<Problem> schemaProblem() {
        Map<String, ClusterMember> bySchema = new HashMap<>();
        for (ClusterMember member : running()) {
            String version;
            try {
                version = String.valueOf(member.jmx().attribute(STORAGE_SERVICE, "SchemaVersion"));
            } catch (IOException | JMException e) {
                return Optional.of(new Problem(member, "JMX does not answer: " + e));
            }
            bySchema.putIfAbsent(version, member);
        }
        if (bySchema.size() > 1) {
            return Optional.of(new Problem(bySchema.values().iterator().next(),
                    "schema versions differ: " + bySchema.keySet()));
        }
        return Optional.empty();
    }

    private List<ClusterMember> running() {
        return members.stream().filter(ClusterMember::meantToRun).toList();
    }

    private static Map<String, Object> asMap(AttributeList attributes) {
        Map<String, Object> values = new HashMap<>();
        for (Attribute attribute : attributes.asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        return values;
    }

    private static List<String> stringList(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    /** A node and what it lacks. */
    private record Problem(ClusterMember member, String description) {
    }
}
