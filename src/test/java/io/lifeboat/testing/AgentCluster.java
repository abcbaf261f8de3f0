package io.lifeboat.testing;

import io.lifeboat.cluster.TreeFingerprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A file cluster whose every node has an agent URL on a loopback address of its own (127.0.0.2, 127.0.0.3, ...),
 * standing for one host per node: the data is written as {@link TrickyCluster} writes it, and only the node's
 * agent reads it.
 */
public record AgentCluster(Path file, List<String> urls) {

    /** {@link TrickyCluster#write}'s nodes, their agents on {@code hosts} (one per node). */
    public static AgentCluster tricky(Path folder, List<String> hosts) throws IOException {
        TrickyCluster.write(folder, hosts.size());
        return withAgents(folder, "tricky", hosts, "http");
    }

    /** Nodes whose data directories do not exist yet (a cluster to restore into). */
    public static AgentCluster empty(Path folder, List<String> hosts) throws IOException {
        return withAgents(folder, "target", hosts, "http");
    }

    /** Nodes of one incompressible file each of {@code bytesPerNode}. */
    public static AgentCluster large(Path folder, List<String> hosts, int bytesPerNode) throws IOException {
        TrickyCluster.large(folder, hosts.size(), bytesPerNode);
        return withAgents(folder, "large", hosts, "http");
    }

    /** The same cluster file with one agent moved to {@code url} (another scheme or port). */
    public AgentCluster withAgent(int node, String url) throws IOException {
        List<String> moved = new ArrayList<>(urls);
        moved.set(node, url);
        String yaml = Files.readString(file).replace("agent: " + urls.get(node) + "\n", "agent: " + url + "\n");
        Files.writeString(file, yaml);
        return new AgentCluster(file, moved);
    }

    /** 127.0.0.{first}, 127.0.0.{first + 1}, ...: {@code count} loopback addresses that stand for hosts. */
    public static List<String> hosts(String prefix, int first, int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(prefix + (first + i));
        }
        return hosts;
    }

    /** Every node's keyspaces, file by file, by node index; Lifeboat's own dot-folders left out. */
    public Map<Integer, SortedMap<String, String>> keyspaceTrees() throws IOException {
        Map<Integer, SortedMap<String, String>> trees = new TreeMap<>();
        for (int node = 0; node < urls.size(); node++) {
            SortedMap<String, String> tree = new TreeMap<>(TreeFingerprint.of(nodeDir(node)));
            tree.keySet().removeIf(path -> path.startsWith(".lifeboat"));
            trees.put(node, tree);
        }
        return trees;
    }

    public Path nodeDir(int node) {
        return file.getParent().resolve("nodes/node-" + node);
    }

    private static AgentCluster withAgents(Path folder, String name, List<String> hosts, String scheme) throws IOException {
        Files.createDirectories(folder);
        StringBuilder yaml = new StringBuilder("name: " + name + "\nnodes:\n");
        List<String> urls = new ArrayList<>();
        for (int index = 0; index < hosts.size(); index++) {
            String url = scheme + "://" + hosts.get(index) + ":" + TestServers.freePort(hosts.get(index));
            urls.add(url);
            yaml.append("  - index: ").append(index).append("\n    dataDir: nodes/node-").append(index)
                    .append("\n    agent: ").append(url).append('\n');
        }
        return new AgentCluster(Files.writeString(folder.resolve("cluster.yaml"), yaml), urls);
    }
}
