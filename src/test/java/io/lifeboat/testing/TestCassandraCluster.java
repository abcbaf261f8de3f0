package io.lifeboat.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.NodeState;

import javax.management.JMException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cluster of real Apache Cassandra 5.0 nodes, each in a JVM of its own on a loopback address of its own
 * (127.0.0.5, 127.0.0.6, ...), standing for one host per node.
 *
 * <p>All nodes share one storage port and one CQL port, free on every address; each has its own local-only JMX port
 * on 127.0.0.1. The first node is the seed. Node directories live under {@code target/cassandra/}; {@link #close()}
 * stops every node and keeps their configuration and logs.
 */
public final class TestCassandraCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SCHEMA_AGREEMENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** After a node's restart, the driver's next reconnection must come in seconds, not its default minute. */
    private static final Duration RECONNECTION_BASE_DELAY = Duration.ofMillis(200);
    private static final Duration RECONNECTION_MAX_DELAY = Duration.ofSeconds(2);
    private static final List<String> SYSTEM_PROPERTIES = List.of(
            // The ring delay (30 s by default) bounds a joining node's waits for ring and schema; loopback peers need seconds.
            "-Dcassandra.ring_delay_ms=3000");

    private final Spec spec;
    private final List<ClusterMember> members;
    private final ClusterHealth health;
    private List<Node> nodes = List.of();
    private CqlSession session;

    /**
     * What a cluster is made of. The name must differ from any other cluster's, so that two clusters never gossip
     * together; {@code initialTokens} is empty for random tokens, else one list of {@code numTokens} per host.
     */
    public record Spec(String clusterName, List<String> hosts, String datacenter, String rack, int numTokens,
                       List<List<Long>> initialTokens) {

        public Spec {
            hosts = List.copyOf(hosts);
            initialTokens = initialTokens.stream().map(List::copyOf).toList();
            for (String name : List.of(clusterName, datacenter, rack)) {
                // They end up in a directory name, cassandra.yaml and cassandra-rackdc.properties unquoted.
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Cluster, data centre and rack names are letters, digits, - "
                            + "or _: " + name);
                }
            }
            if (hosts.isEmpty() || new HashSet<>(hosts).size() != hosts.size()) {
                throw new IllegalArgumentException("Hosts must be distinct, and at least one: " + hosts);
            }
            if (numTokens < 1) {
                throw new IllegalArgumentException("num_tokens must be positive: " + numTokens);
            }
            if (!initialTokens.isEmpty()) {
                validateInitialTokens(hosts, numTokens, initialTokens);
            }
        }

        /** A cluster on {@code hosts} in data centre {@code dc-east}, rack {@code rack1}, 16 random tokens a node. */
        public static Spec of(String clusterName, List<String> hosts) {
            return new Spec(clusterName, hosts, "dc-east", "rack1", 16, List.of());
        }

        /** The data centre of every node ({@code cassandra-rackdc.properties}). */
        public Spec withDatacenter(String name) {
            return new Spec(clusterName, hosts, name, rack, numTokens, initialTokens);
        }

        /** The rack of every node. */
        public Spec withRack(String name) {
            return new Spec(clusterName, hosts, datacenter, name, numTokens, initialTokens);
        }

        /** {@code num_tokens} of every node. */
        public Spec withNumTokens(int count) {
            return new Spec(clusterName, hosts, datacenter, rack, count, initialTokens);
        }

        /** Node {@code i} takes {@code tokensPerNode.get(i)} on its first start ({@code initial_token}). */
        public Spec withInitialTokens(List<List<Long>> tokensPerNode) {
            return new Spec(clusterName, hosts, datacenter, rack, numTokens, tokensPerNode);
        }

        private static void validateInitialTokens(List<String> hosts, int numTokens, List<List<Long>> initialTokens) {
            if (initialTokens.size() != hosts.size()) {
                throw new IllegalArgumentException("One token list per host: " + initialTokens.size() + " lists for "
                        + hosts.size() + " hosts");
            }
            Set<Long> seen = new HashSet<>();
            for (List<Long> tokens : initialTokens) {
                if (tokens.size() != numTokens) {
                    throw new IllegalArgumentException("Each node needs num_tokens = " + numTokens + " tokens: " + tokens);
                }
                for (Long token : tokens) {
                    if (!seen.add(token)) {
                        throw new IllegalArgumentException("Token " + token + " given twice");
                    }
                }
            }
        }
    }

    /**
     * One node: its index in the spec, address, ports ({@code jmxPort} on 127.0.0.1), its only
     * {@code data_file_directories} entry, its directory (configuration, {@code logs/system.log}), and its tokens
     * as it reported them ({@code system.local}) once the cluster first was whole.
     */
    public record Node(int index, String host, int cqlPort, int jmxPort, int storagePort, Path dataDirectory,
                       Path directory, List<Long> tokens) {

        public Node {
            tokens = List.copyOf(tokens);
        }

        /** The node's CQL address. */
        public InetSocketAddress contactPoint() {
            return new InetSocketAddress(host, cqlPort);
        }

        /** {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:PORT/jmxrmi}, the URL nodetool uses. */
        public String jmxServiceUrl() {
            return "service:jmx:rmi:///jndi/rmi://" + TestProcesses.LOOPBACK + ":" + jmxPort + "/jmxrmi";
        }
    }

    private TestCassandraCluster(Spec spec, List<ClusterMember> members) {
        this.spec = spec;
        this.members = List.copyOf(members);
        this.health = new ClusterHealth(members, spec.numTokens());
    }

    /**
     * Starts the seed, then the other nodes together, and returns once the cluster is whole (see
     * {@link ClusterHealth}) and its session sees every node up.
     */
    public static TestCassandraCluster start(Spec spec) {
        TestCassandraCluster cluster = configure(spec);
        try {
            cluster.startAll();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.closeSession();
            cluster.stopAll();
            throw e;
        }
    }

    private static TestCassandraCluster configure(Spec spec) {
        Path clusterDirectory = TestProcesses.createTempDirectory(TestProcesses.buildDirectory().resolve("cassandra"),
                "cluster-" + spec.clusterName() + "-");
        List<ClusterMember> members = new ArrayList<>();
        try (LoopbackPorts ports = new LoopbackPorts()) {
            int storagePort = ports.freeOnEvery(spec.hosts());
            int cqlPort = ports.freeOnEvery(spec.hosts());
            String seed = spec.hosts().get(0) + ":" + storagePort;
            for (int index = 0; index < spec.hosts().size(); index++) {
                // Local JMX listens on 127.0.0.1 whatever the node's address: each node needs a port of its own.
                int jmxPort = ports.freeOn(TestProcesses.LOOPBACK);
                String initialTokens = spec.initialTokens().isEmpty() ? ""
                        : spec.initialTokens().get(index).stream().map(String::valueOf).collect(Collectors.joining(","));
                CassandraProcess.Settings settings = new CassandraProcess.Settings(spec.clusterName(),
                        spec.hosts().get(index), cqlPort, storagePort, jmxPort, seed, spec.numTokens(), initialTokens,
                        spec.datacenter(), spec.rack(), SYSTEM_PROPERTIES);
                Path directory = clusterDirectory.resolve("node-" + index);
                createDirectory(directory);
                members.add(new ClusterMember(index, CassandraProcess.configure(directory, settings)));
            }
        }
        return new TestCassandraCluster(spec, members);
    }

    private void startAll() {
        ClusterMember seed = members.get(0);
        seed.start();
        seed.awaitCql(START_TIMEOUT);
        // auto_bootstrap is off: the others stream nothing, so they may join at once.
        List<ClusterMember> others = members.subList(1, members.size());
        others.forEach(ClusterMember::start);
        others.forEach(member -> member.awaitCql(START_TIMEOUT));
        health.awaitWhole(START_TIMEOUT);
        session = openSession();
        members.forEach(this::awaitSessionSeesUp);
        nodes = members.stream().map(this::describe).toList();
    }

    private CqlSession openSession() {
        return CqlSession.builder()
                .addContactPoints(members.stream().map(TestCassandraCluster::contactPoint).toList())
                .withLocalDatacenter(spec.datacenter())
                .withConfigLoader(TestDriverConfig.builder()
                        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "ALL")
                        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, RECONNECTION_BASE_DELAY)
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, RECONNECTION_MAX_DELAY)
                        .build())
                .build();
    }

    private Node describe(ClusterMember member) {
        SimpleStatement query = SimpleStatement.newInstance("SELECT tokens FROM system.local")
                .setNode(driverNode(member).orElseThrow(() -> member.failure("the session does not know the node")));
        List<Long> tokens = session.execute(query).one().getSet("tokens", String.class).stream()
                .map(Long::valueOf).sorted().toList();
        CassandraProcess.Settings settings = member.process().settings();
        return new Node(member.index(), settings.host(), settings.cqlPort(), settings.jmxPort(), settings.storagePort(),
                member.process().dataDirectory(), member.process().directory(), tokens);
    }

    /** The nodes in the spec's order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Node {@code index} of the spec. */
    public Node node(int index) {
        return nodes.get(index);
    }

    /** What the cluster was started from. */
    public Spec spec() {
        return spec;
    }

    /**
     * A session on every node, shared (do not close it): local data centre the spec's, consistency level ALL,
     * 30 s requests, fast schema changes.
     */
    public CqlSession session() {
        return session;
    }

    /**
     * Waits until every running node holds the same schema: call it after a schema change, before using the new
     * schema elsewhere. The driver's own agreement check may pass while the change is still on its way to a node.
     */
    public void awaitSchemaAgreement() {
        health.awaitSchemaAgreement(SCHEMA_AGREEMENT_TIMEOUT);
    }

    /** SIGKILL to the node's process tree, as a crash; returns once it is gone. The others notice in their time. */
    public void kill(int index) {
        members.get(index).kill();
    }

    /** SIGTERM, so that the node drains and says goodbye to the others, then force after 30 s. */
    public void stop(int index) {
        members.get(index).stop();
    }

    /**
     * Starts a killed or stopped node again on its directory, and returns once the cluster is whole again and the
     * session sees the node up.
     */
    public void restart(int index) {
        ClusterMember member = members.get(index);
        member.start();
        member.awaitCql(START_TIMEOUT);
        health.awaitWhole(START_TIMEOUT);
        awaitSessionSeesUp(member);
    }

    /**
     * Runs {@code nodetool} of the nodes' own jars against one node (for example {@code repair shop}) and returns what it
     * printed; a non-zero exit fails with that output.
     */
    public String nodetool(int index, String... arguments) {
        Node node = node(index);
        Path buildDirectory = TestProcesses.buildDirectory();
        // Cassandra's tools need the flags of its conf/jvm17-clients.options on Java 17; nodetool keeps its history in ~/.cassandra.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + buildDirectory.getParent().resolve("src/test/cassandra/jvm17-clients.options"),
                "-Duser.home=" + node.directory(), "-cp", buildDirectory.resolve("cassandra/lib") + "/*",
                "org.apache.cassandra.tools.NodeTool", "-h", "127.0.0.1", "-p", String.valueOf(node.jmxPort())));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("node " + index + ": nodetool " + String.join(" ", arguments) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running nodetool", e);
        }
    }

    /** Writes a Lifeboat cluster file of this cluster named {@code name}: every node, JMX on 127.0.0.1. */
    public Path writeClusterFile(Path file, String name) {
        StringBuilder yaml = new StringBuilder("name: " + name + "\ntype: cassandra\nnodes:\n");
        for (Node node : nodes) {
            yaml.append("  - index: ").append(node.index())
                    .append("\n    host: ").append(node.host())
                    .append("\n    jmxHost: ").append(TestProcesses.LOOPBACK)
                    .append("\n    jmxPort: ").append(node.jmxPort())
                    .append("\n    cqlPort: ").append(node.cqlPort())
                    .append("\n    dataDirs: [").append(node.dataDirectory()).append("]\n");
        }
        try {
            return Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An MBean attribute of one node, as {@code nodetool} reads it. */
    @SuppressWarnings("unchecked")
    public <T> T jmxAttribute(int index, String objectName, String attribute) {
        ClusterMember member = members.get(index);
        try {
            return (T) member.jmx().attribute(objectName, attribute);
        } catch (IOException | JMException e) {
            throw new IllegalStateException("node " + index + ": cannot read " + objectName + " " + attribute
                    + " at " + member.jmx(), e);
        }
    }

    /** An MBean operation of one node, as {@code nodetool} invokes it. */
    public Object jmxInvoke(int index, String objectName, String operation, Object[] args, String[] signature) {
        ClusterMember member = members.get(index);
        try {
            return member.jmx().invoke(objectName, operation, args, signature);
        } catch (IOException | JMException e) {
            throw new IllegalStateException("node " + index + ": cannot invoke " + objectName + " " + operation
                    + " at " + member.jmx(), e);
        }
    }

    /** Closes the session, stops every node (SIGTERM, then force), and deletes their data; keeps logs and configuration. */
    @Override
    public void close() {
        closeSession();
        stopAll();
        members.forEach(member -> member.process().deleteBulkyDirectories());
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    /** Stops the nodes side by side: each drains for seconds. */
    private void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (ClusterMember member : members) {
            Thread stopper = new Thread(member::stop, "stop-cassandra-node-" + member.index());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping the cluster", e);
            }
        }
    }

    private void awaitSessionSeesUp(ClusterMember member) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (driverNodeState(member) != NodeState.UP) {
            if (System.nanoTime() > deadline) {
                throw member.failure("the session does not see the node up within " + START_TIMEOUT.toSeconds()
                        + " s (it sees " + driverNodeState(member) + ")");
            }
            TestProcesses.sleep(Duration.ofMillis(100));
        }
    }

    private NodeState driverNodeState(ClusterMember member) {
        return driverNode(member).map(node -> node.getState()).orElse(null);
    }

    private Optional<com.datastax.oss.driver.api.core.metadata.Node> driverNode(ClusterMember member) {
        return session.getMetadata().getNodes().values().stream()
                .filter(node -> node.getEndPoint().resolve().equals(contactPoint(member)))
                .findFirst();
    }

    private static InetSocketAddress contactPoint(ClusterMember member) {
        return new InetSocketAddress(member.host(), member.process().settings().cqlPort());
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
