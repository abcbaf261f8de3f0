package io.lifeboat.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code lifeboat agent} process serving one node on its own loopback address (127.0.0.2, 127.0.0.3, ...), as
 * an operator runs it on the node's host: started with the launcher, awaited until it answers, killed or
 * stopped like a real process.
 */
public final class AgentProcess implements AutoCloseable {

    /** Small heap, quick start: an agent's memory is its upload buffers, not its code. */
    public static final String JAVA_OPTIONS = "-Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final Path cluster;
    private final int node;
    private final String url;
    private final Map<String, String> environment;
    private final Path logs;
    private LauncherProcess process;

    private AgentProcess(Path cluster, int node, String url, Map<String, String> environment, Path logs) {
        this.cluster = cluster;
        this.node = node;
        this.url = url;
        this.environment = Map.copyOf(environment);
        this.logs = logs;
    }

    /** Starts the agent of {@code node} of the cluster file, whose agent URL is {@code url}; returns once it answers. */
    public static AgentProcess start(Path cluster, int node, String url, Map<String, String> environment, Path logs) throws Exception {
        AgentProcess agent = new AgentProcess(cluster, node, url, environment, logs);
        agent.launch();
        agent.awaitServing();
        return agent;
    }

    /** Starts every node's agent of an {@link AgentCluster} at once, and returns when all of them answer. */
    public static List<AgentProcess> startAll(AgentCluster cluster, Map<String, String> environment, Path logs) throws Exception {
        List<AgentProcess> agents = new ArrayList<>();
        for (int node = 0; node < cluster.urls().size(); node++) {
            AgentProcess agent = new AgentProcess(cluster.file(), node, cluster.urls().get(node), environment, logs);
            agent.launch();
            agents.add(agent);
        }
        for (AgentProcess agent : agents) {
            agent.awaitServing();
        }
        return agents;
    }

    private void launch() throws IOException {
        process = LauncherProcess.start(JAVA_OPTIONS, environment, logs,
                List.of("agent", "--cluster", cluster.toString(), "--node", String.valueOf(node)));
    }

    private void awaitServing() throws Exception {
        Eventually.await(Duration.ofSeconds(90), "the agent of node " + node + " serves at " + url, () -> {
            if (!process.alive()) {
                throw new AssertionError("the agent of node " + node + " ended:\n" + process.output());
            }
            return process.output().contains("serving");
        });
    }

    public String url() {
        return url;
    }

    /** SIGKILL, as a crash or {@code kill -9}: the agent gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** Starts the agent again after it was killed or stopped, and waits until it answers. */
    public void restart() throws Exception {
        launch();
        awaitServing();
    }

    /** What the agent printed and logged so far. */
    public String output() throws IOException {
        return process.output();
    }

    /** SIGTERM, as systemd stops it. */
    @Override
    public void close() throws InterruptedException {
        process.stop();
    }

    /** The environment an agent and its coordinators share: the token, and waits short enough for a test. */
    public static Map<String, String> environment(String token, String timeout, String lease) {
        Map<String, String> environment = new HashMap<>();
        environment.put("LIFEBOAT_AGENT_TOKEN", token);
        environment.put("LIFEBOAT_AGENT_TIMEOUT", timeout);
        environment.put("LIFEBOAT_AGENT_LEASE", lease);
        environment.put("LIFEBOAT_PART_SIZE_MIB", "5");
        environment.put("LIFEBOAT_COMPRESSION_LEVEL", "1");
        return environment;
    }
}
