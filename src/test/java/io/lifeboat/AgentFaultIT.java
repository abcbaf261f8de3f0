package io.lifeboat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.testing.AgentCluster;
import io.lifeboat.testing.AgentProcess;
import io.lifeboat.testing.Eventually;
import io.lifeboat.testing.GatedProxy;
import io.lifeboat.testing.GatedProxy.Direction;
import io.lifeboat.testing.Http;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agents and coordinators that die, or are stopped, in the middle of a backup: real processes, killed with
 * SIGKILL or stopped with SIGTERM while a proxy holds the node's upload at an exact byte count, so "in the
 * middle" never depends on the machine's speed. The plan fails in words within its bound, nothing is left
 * visible in the store nor on the nodes, and the same backup then succeeds.
 */
@ExtendWith(TestServers.class)
class AgentFaultIT {

    private static final String TOKEN = "fault-it-token-9090";
    private static final String TIMEOUT = "8s";
    private static final int NODES = 2;
    // More than an upload's buffers (4 parts of 5 MiB) past the hold: a held node is still archiving.
    private static final int NODE_BYTES = 40 * 1024 * 1024;
    private static final long HOLD_AT = 6L * 1024 * 1024;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Pattern OPENED = Pattern.compile("run (\\S+) opened");

    @TempDir
    Path scratch;

    private final List<AgentProcess> agents = new ArrayList<>();
    private GatedProxy proxy;

    @AfterEach
    void stopEverything() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (AgentProcess agent : agents) {
            agent.close();
        }
    }

    @Test
    void anAgentKilledMidBackupFailsThePlanNamingItsNodeWithinTheTimeoutAndTheSameBackupThenSucceeds() throws Exception {
        AgentCluster cluster = startAgents("127.0.0.6", "60s");
        Map<String, String> store = StoreFixture.S3.newStore(scratch);
        LauncherProcess backup = backupHeldMidUpload(cluster, store);
        String run = runOn(agents.get(0));

        long killed = System.nanoTime();
        agents.get(0).kill();
        proxy.release();
        LauncherProcess.Finished failed = backup.await(BOUND);
        Duration took = Duration.ofNanos(System.nanoTime() - killed);

        Outcome outcome = failed.outcome();
        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains("FAILED: node 0: ") && outcome.err().contains(agents.get(0).url()), outcome.err());
        assertTrue(took.compareTo(Duration.ofSeconds(8 + 15)) < 0, "failed " + took.toSeconds() + " s after the kill");
        assertEquals(List.of(), StoreFixture.S3.keys(store), "nothing visible in the store");
        assertEquals(List.of(), StoreFixture.S3.unfinishedUploads(store), "the dead agent's upload was aborted");
        assertNothingLeft(cluster, 1);
        System.out.printf("agent killed mid-backup: exit %d %.1f s after the kill: %s%n", outcome.exitCode(), took.toMillis() / 1000.0,
                outcome.err().strip());

        agents.get(0).restart();
        JsonNode reported = Http.get(agents.get(0).url() + "/v1/runs/" + run, TOKEN).json();
        assertEquals("FAILED", reported.path("state").asText(), reported.toString());
        assertTrue(reported.path("reason").asText().contains("the agent restarted"), reported.toString());
        assertNothingLeft(cluster, 0);

        assertTheSameBackupSucceeds(cluster, store);
    }

    @Test
    void aCoordinatorKilledMidBackupLeavesItsAgentsToStopAndCleanUpWithinTheirLease() throws Exception {
        AgentCluster cluster = startAgents("127.0.0.8", "4s");
        Map<String, String> store = StoreFixture.S3.newStore(scratch);
        LauncherProcess backup = backupHeldMidUpload(cluster, store);
        String run = runOn(agents.get(0));

        long killed = System.nanoTime();
        backup.kill();
        for (AgentProcess agent : agents) {
            Eventually.await(BOUND, "the agent at " + agent.url() + " reports the orphaned run failed",
                    () -> "FAILED".equals(Http.get(agent.url() + "/v1/runs/" + run, TOKEN).field("state")));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - killed);

        for (AgentProcess agent : agents) {
            JsonNode reported = Http.get(agent.url() + "/v1/runs/" + run, TOKEN).json();
            assertTrue(reported.path("reason").asText().contains("stopped renewing"), reported.toString());
        }
        assertTrue(took.compareTo(Duration.ofSeconds(4 + 10)) < 0, "the agents ended the run " + took.toSeconds() + " s after the kill");
        for (int node = 0; node < NODES; node++) {
            assertNothingLeft(cluster, node);
        }
        assertFalse(StoreFixture.S3.keys(store).contains("held/manifest.json"));
        System.out.printf("coordinator killed mid-backup: both agents reported the run failed and had cleaned up %.1f s after the kill%n",
                took.toMillis() / 1000.0);
        proxy.release();

        assertTheSameBackupSucceeds(cluster, store);
        assertEquals(List.of(), StoreFixture.S3.unfinishedUploads(store), "the rerun removed what the orphaned upload left");
    }

    @Test
    void aStopReachesTheAgentsAndEndsTheRunWithNothingLeft() throws Exception {
        AgentCluster cluster = startAgents("127.0.0.10", "60s");
        Map<String, String> store = StoreFixture.S3.newStore(scratch);
        LauncherProcess backup = backupHeldMidUpload(cluster, store);
        String run = runOn(agents.get(0));

        backup.terminate();
        Eventually.await(BOUND, "the stop reached node 0's agent",
                () -> Http.get(agents.get(0).url() + "/v1/runs/" + run, TOKEN).json().path("stopping").asBoolean());
        proxy.release();
        Outcome stopped = backup.await(BOUND).outcome();

        // SIGTERM ends the JVM once the run has unwound: 128 + 15.
        assertEquals(143, stopped.exitCode(), stopped.toString());
        assertTrue(stopped.err().contains("FAILED: node 0: the plan was stopped before it completed"), stopped.toString());
        assertEquals("ENDED", Http.get(agents.get(0).url() + "/v1/runs/" + run, TOKEN).field("state"));
        assertEquals(List.of(), StoreFixture.S3.keys(store));
        assertEquals(List.of(), StoreFixture.S3.unfinishedUploads(store));
        for (int node = 0; node < NODES; node++) {
            assertNothingLeft(cluster, node);
        }
    }

    private AgentCluster startAgents(String firstHost, String lease) throws Exception {
        String[] parts = firstHost.split("\\.");
        AgentCluster cluster = AgentCluster.large(scratch.resolve("cluster"), AgentCluster.hosts("127.0.0.", Integer.parseInt(parts[3]), NODES),
                NODE_BYTES);
        agents.addAll(AgentProcess.startAll(cluster, AgentProcess.environment(TOKEN, TIMEOUT, lease), scratch));
        return cluster;
    }

    /** Starts backup-s3 (serial) through the proxy and returns once node 0's upload is held mid-transfer. */
    private LauncherProcess backupHeldMidUpload(AgentCluster cluster, Map<String, String> store) throws Exception {
        URI s3 = URI.create(store.get("AWS_ENDPOINT_URL"));
        proxy = GatedProxy.to(s3.getHost(), s3.getPort());
        proxy.holdAfter(Direction.UPSTREAM, HOLD_AT);
        LauncherProcess backup = LauncherProcess.start("", environment(StoreFixture.S3.through(store, proxy)), scratch, backupWords(cluster));
        proxy.awaitHeld(BOUND);
        return backup;
    }

    /** The same backup, run again with nothing in its way, completes whole. */
    private void assertTheSameBackupSucceeds(AgentCluster cluster, Map<String, String> store) throws Exception {
        Outcome rerun = LauncherProcess.run("", environment(store), scratch, backupWords(cluster));
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertEquals(PlanRoundTripIT.snapshotKeys("held", ".tar.gz", NODES), StoreFixture.S3.keys(store));
    }

    private static List<String> backupWords(AgentCluster cluster) {
        return List.of("plan", "start", "backup-s3", "--cluster", cluster.file().toString());
    }

    private static Map<String, String> environment(Map<String, String> store) {
        Map<String, String> environment = new HashMap<>(store);
        environment.put("SNAPSHOT_NAME", "held");
        environment.put("LIFEBOAT_AGENT_TOKEN", TOKEN);
        environment.put("LIFEBOAT_AGENT_TIMEOUT", TIMEOUT);
        environment.put("LIFEBOAT_PART_SIZE_MIB", "5");
        return environment;
    }

    /** The coordinator's run id, as the agent logged it when the run opened. */
    private static String runOn(AgentProcess agent) throws IOException {
        Matcher opened = OPENED.matcher(agent.output());
        assertTrue(opened.find(), agent.output());
        return opened.group(1);
    }

    /** No snapshot, staging, claim or journal of a run left on the node. */
    private static void assertNothingLeft(AgentCluster cluster, int node) throws IOException {
        try (Stream<Path> entries = Files.list(cluster.nodeDir(node))) {
            assertEquals(List.of(), entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(".lifeboat")).toList(),
                    "node " + node);
        }
    }
}
