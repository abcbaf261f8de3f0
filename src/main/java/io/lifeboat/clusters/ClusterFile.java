package io.lifeboat.clusters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lifeboat.cassandra.CassandraEndpoint;
import io.lifeboat.cassandra.CassandraNode;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.cluster.FileNode;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.AgentAddress;
import io.lifeboat.kernel.ParameterException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a cluster file; a relative {@code dataDir} is resolved against the file's own folder. */
public final class ClusterFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ClusterFile() {
    }

    /** The file as written: only the fields Lifeboat knows. */
    record Document(String name, String type, String datacenter, String cassandraHome, List<NodeEntry> nodes) {
    }

    /**
     * A node: {@code dataDir} for a file cluster; host, ports and {@code dataDirs} for a Cassandra node; either may
     * name the {@code agent} that works on the node's own host, where the data directories are as given.
     */
    record NodeEntry(Integer index, String dataDir, List<String> dataDirs, String host, String jmxHost, Integer jmxPort,
                     Integer cqlPort, String agent, String cassandraHome) {
    }

    public static Cluster load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new ParameterException("--cluster", "cluster file " + file + " does not exist");
        }
        Document document;
        try {
            document = YAML.readValue(absolute.toFile(), Document.class);
        } catch (IOException e) {
            throw new ParameterException("--cluster", "cluster file " + file + " is not valid: " + firstLine(e.getMessage()));
        }
        return toCluster(document, absolute.getParent(), file);
    }

    private static Cluster toCluster(Document document, Path folder, Path file) {
        if (document == null || document.name() == null || document.name().isBlank()) {
            throw invalid(file, "it needs a 'name'");
        }
        if (document.nodes() == null || document.nodes().isEmpty()) {
            throw invalid(file, "it needs at least one entry under 'nodes'");
        }
        ClusterType type = clusterType(document, file);
        Optional<String> datacenter = datacenter(document, type, file);
        List<Node> nodes = new ArrayList<>();
        Set<Integer> indices = new HashSet<>();
        // Nodes on other hosts (each with its agent) may well use the same paths; on one host they may not.
        Set<String> dataDirs = new HashSet<>();
        Set<AgentAddress> agents = new HashSet<>();
        for (NodeEntry entry : document.nodes()) {
            if (entry.index() == null || entry.index() < 0) {
                throw invalid(file, "every node needs an 'index' of 0 or more");
            }
            if (!indices.add(entry.index())) {
                throw invalid(file, "node index " + entry.index() + " appears twice");
            }
            Node node = type == ClusterType.FILES ? fileNode(entry, folder, file)
                    : cassandraNode(entry, folder, file, datacenter, Optional.ofNullable(document.cassandraHome()));
            String host = node.agent().map(AgentAddress::host).orElse("");
            for (Path dataDir : node.dataDirs()) {
                if (!dataDirs.add(host + "|" + dataDir)) {
                    throw invalid(file, "data directory " + dataDir + " is used twice" + (host.isEmpty() ? "" : " on " + host));
                }
            }
            if (node.agent().isPresent() && !agents.add(node.agent().get())) {
                throw invalid(file, "agent " + node.agent().get() + " is named by two nodes");
            }
            nodes.add(node);
        }
        return new Cluster(document.name(), type, nodes);
    }

    private static ClusterType clusterType(Document document, Path file) {
        if (document.type() == null || document.type().equals("files")) {
            return ClusterType.FILES;
        }
        if (document.type().equals("cassandra")) {
            return ClusterType.CASSANDRA;
        }
        throw invalid(file, "'type' must be files (the default) or cassandra, not " + document.type());
    }

    private static Optional<String> datacenter(Document document, ClusterType type, Path file) {
        if (document.datacenter() == null) {
            return Optional.empty();
        }
        if (type != ClusterType.CASSANDRA) {
            throw invalid(file, "'datacenter' belongs to 'type: cassandra'");
        }
        if (document.datacenter().isBlank()) {
            throw invalid(file, "'datacenter' is empty: name the nodes' data centre, or leave the key out to ask the nodes");
        }
        return Optional.of(document.datacenter().strip());
    }

    private static Node fileNode(NodeEntry entry, Path folder, Path file) {
        if (entry.dataDir() == null || entry.dataDir().isBlank()) {
            throw invalid(file, "node " + entry.index() + " needs a 'dataDir'");
        }
        if (entry.host() != null || entry.jmxHost() != null || entry.jmxPort() != null || entry.cqlPort() != null || entry.dataDirs() != null
                || entry.cassandraHome() != null) {
            throw invalid(file, "node " + entry.index() + ": host, ports, dataDirs and cassandraHome belong to 'type: cassandra'");
        }
        return new FileNode(entry.index(), folder.resolve(entry.dataDir()).normalize(), agent(entry, file));
    }

    private static Node cassandraNode(NodeEntry entry, Path folder, Path file, Optional<String> datacenter, Optional<String> clusterHome) {
        String where = "node " + entry.index();
        if (entry.host() == null || entry.host().isBlank()) {
            throw invalid(file, where + " needs a 'host'");
        }
        if (entry.jmxPort() == null || entry.cqlPort() == null) {
            throw invalid(file, where + " needs a 'jmxPort' and a 'cqlPort'");
        }
        List<String> directories = entry.dataDirs() != null ? entry.dataDirs() : entry.dataDir() != null ? List.of(entry.dataDir()) : List.of();
        if (directories.isEmpty()) {
            throw invalid(file, where + " needs 'dataDirs': the node's data_file_directories");
        }
        List<Path> dataDirs = directories.stream().map(dir -> folder.resolve(dir).normalize()).toList();
        String jmxHost = entry.jmxHost() == null ? entry.host() : entry.jmxHost();
        Optional<Path> cassandraHome = Optional.ofNullable(entry.cassandraHome()).or(() -> clusterHome).map(home -> folder.resolve(home).normalize());
        return new CassandraNode(entry.index(), dataDirs, new CassandraEndpoint(entry.host(), jmxHost, entry.jmxPort(), entry.cqlPort()), datacenter,
                agent(entry, file), cassandraHome);
    }

    private static Optional<AgentAddress> agent(NodeEntry entry, Path file) {
        if (entry.agent() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AgentAddress.parse("node " + entry.index(), entry.agent()));
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage());
        }
    }

    private static ParameterException invalid(Path file, String why) {
        return new ParameterException("--cluster", "cluster file " + file + " is not valid: " + why);
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
