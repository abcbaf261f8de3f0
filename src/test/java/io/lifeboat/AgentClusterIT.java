package io.lifeboat;

import io.lifeboat.cluster.FileTrees;
import io.lifeboat.testing.AgentCluster;
import io.lifeboat.testing.AgentProcess;
import io.lifeboat.testing.Http;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster whose nodes each have an agent, separate processes on 127.0.0.2, .3 and .4 standing for hosts of
 * their own. The coordinator is given only the cluster file, and cannot even see the nodes' data: it runs with
 * an empty folder mounted over them, so every byte that reaches the store went there from an agent.
 */
@ExtendWith(TestServers.class)
class AgentClusterIT {

    private static final String TOKEN = "agent-token-5521-kept-secret";
    private static final String SECRET_KEY = "agent-it-secret-access-key-8843";
    private static final int NODES = 3;

    @TempDir
    static Path shared;

    private static AgentCluster cluster;
    private static List<AgentProcess> agents;
    private static Path logs;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startAgents() throws Exception {
        cluster = AgentCluster.tricky(shared.resolve("cluster"), AgentCluster.hosts("127.0.0.", 2, NODES));
        logs = Files.createDirectories(shared.resolve("logs"));
        Map<String, String> environment = AgentProcess.environment(TOKEN, "10s", "30s");
        // Every line an agent logs is searched for the secrets below.
        environment.put("LIFEBOAT_LOG_LEVEL", "debug");
        agents = AgentProcess.startAll(cluster, environment, logs);
    }

    @AfterAll
    static void stopAgents() throws Exception {
        for (AgentProcess agent : agents) {
            agent.close();
        }
    }

    /** Serial with full backups, parallel with differential ones (AgentScaleIT runs full backups in parallel). */
    @ParameterizedTest
    @CsvSource({"serial, full, false", "parallel, differential, true"})
    void backsUpAndRestoresEveryNodeThroughItsAgentAlone(String strategy, String mode, boolean encrypted) throws Exception {
        Map<String, String> store = StoreFixture.S3.newStore(scratch);
        Map<Integer, SortedMap<String, String>> before = cluster.keyspaceTrees();
        // Each agent reads the key file at the path the coordinator names, on its own host (here, the same one).
        Path keyFile = scratch.resolve("agents.key");
        if (encrypted) {
            assertEquals(0, LifeboatCommand.run(Map.of(), "keys", "generate", keyFile.toString()).exitCode());
            store.put("ENCRYPTION_KEY_FILE", keyFile.toString());
        }

        Outcome backup = coordinator("backup-s3", store, "through-agents", "BACKUP_RESTORE_STRATEGY", strategy, "BACKUP_MODE", mode);

        assertEquals(0, backup.exitCode(), backup.toString());
        List<String> keys = StoreFixture.S3.keys(store);
        if (mode.equals("full")) {
            assertEquals(PlanRoundTripIT.snapshotKeys("through-agents", ".tar.gz", NODES), keys);
        } else {
            assertTrue(keys.contains("through-agents/manifest.json") && keys.stream().noneMatch(key -> key.endsWith(".tar.gz")), keys.toString());
            for (int node = 0; node < NODES; node++) {
                String files = ".lifeboat/files/through-agents/";
                String object = encrypted ? "/node-" + node + "/1.sealed" : "/node-" + node + "/ks1/";
                assertTrue(keys.stream().anyMatch(key -> key.startsWith(files) && key.contains(object)), keys.toString());
            }
            assertEquals(encrypted, keys.contains("through-agents/encryption.json"), keys.toString());
        }
        for (int node = 0; node < NODES; node++) {
            assertTrue(backup.out().contains("node " + node + ": COMPLETE    100%"), "progress fed by the agents:\n" + backup);
        }
        for (int node = 0; node < NODES; node++) {
            for (String keyspace : List.of("ks1", "ks2", "ks3")) {
                FileTrees.deleteIfExists(cluster.nodeDir(node).resolve(keyspace));
            }
        }

        Outcome restore = coordinator("restore-s3", store, "through-agents", "BACKUP_RESTORE_STRATEGY", strategy);
        assertTrue(restore.out().contains("COMPLETE"), restore.toString());

        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(before, cluster.keyspaceTrees());
        assertNothingLeftOnTheNodes();
        assertSecretsNowhere(backup, restore);
        if (encrypted) {
            String material = Files.readString(keyFile).replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            for (AgentProcess agent : agents) {
                assertFalse(agent.output().contains(material), "the key in an agent's log");
            }
            assertFalse(backup.toString().contains(material) || restore.toString().contains(material));
        }
    }

    @Test
    void aRestoreIsRefusedBeforeAnythingIsWrittenWhenAKeyspaceExistsOnOneNode() throws Exception {
        Map<String, String> store = StoreFixture.S3.newStore(scratch);
        assertEquals(0, coordinator("backup-s3", store, "exists", "KEYSPACES", "ks2").exitCode());

        Outcome restore = coordinator("restore-s3", store, "exists", "KEYSPACES", "ks2");

        assertEquals(1, restore.exitCode(), restore.toString());
        assertTrue(restore.err().lines().anyMatch(line -> line.endsWith("FAILED: node 0: keyspace ks2 already exists; drop or move it"
                + ", or restore under another name (RENAME), before restoring")), restore.toString());
        assertNothingLeftOnTheNodes();
    }

    @Test
    void anAgentThatCannotBeReachedRefusesTheRunBeforeAnythingIsWritten() throws Exception {
        Path folder = scratch.resolve("unreachable");
        AgentCluster unreachable = new AgentCluster(Files.copy(cluster.file(), Files.createDirectories(folder).resolve("cluster.yaml")),
                cluster.urls()).withAgent(2, "http://127.0.0.4:" + TestServers.freePort("127.0.0.4"));
        Files.createSymbolicLink(folder.resolve("nodes"), cluster.file().getParent().resolve("nodes"));
        Map<String, String> store = StoreFixture.S3.newStore(scratch);

        Outcome backup = LauncherProcess.run("", environment(store, "unreachable"), logs,
                List.of("plan", "start", "backup-s3", "--cluster", unreachable.file().toString()));

        assertEquals(1, backup.exitCode(), backup.toString());
        assertTrue(backup.err().contains("node 2: ") && backup.err().contains("connection refused"), backup.toString());
        assertEquals(1, backup.err().lines().count(), backup.err());
        assertEquals(List.of(), StoreFixture.S3.keys(store), "nothing written to the store");
        assertNothingLeftOnTheNodes();
    }

    @Test
    void everyAgentRequestNeedsTheToken() throws Exception {
        String agent = agents.get(0).url();
        assertEquals(401, Http.get(agent + "/v1/agent", null).status());
        assertEquals(401, Http.get(agent + "/v1/agent", "wrong").status());
        assertEquals(200, Http.get(agent + "/v1/agent", TOKEN).status());
        Map<String, String> store = StoreFixture.S3.newStore(scratch);
        Map<String, String> environment = environment(store, "wrong-token");
        environment.put("LIFEBOAT_AGENT_TOKEN", "not-the-token");

        Outcome backup = LauncherProcess.run("", environment, logs, List.of("plan", "start", "backup-s3", "--cluster", cluster.file().toString()));

        assertEquals(1, backup.exitCode(), backup.toString());
        assertTrue(backup.err().contains("node 0: the agent at " + agent + " refused") && backup.err().contains("bearer token"),
                backup.toString());
        assertEquals(List.of(), StoreFixture.S3.keys(store));
    }

    @Test
    void aRunOpenedTwiceIsOneRunAndAStepAskedTwiceAnswersItsOneOutcome() throws Exception {
        String runs = agents.get(1).url() + "/v1/runs/";
        Path store = Files.createDirectories(scratch.resolve("store"));
        String details = Http.jsonObject(Map.of()).replace("{}", "{\"plan\": \"backup-local\", \"parameters\": {\"SNAPSHOT_NAME\": \"dup\","
                + " \"BACKUP_DIR\": \"" + store + "\", \"CASSANDRA_PASSWORD\": \"" + SECRET_KEY + "\"}}");

        Http.Response first = Http.put(runs + "dup-1", details, TOKEN);
        Http.Response again = Http.put(runs + "dup-1", details, TOKEN);
        Http.Response survey = Http.post(runs + "dup-1/steps/survey-node", "{\"node\": 1}", TOKEN);
        Http.Response surveyAgain = Http.post(runs + "dup-1/steps/survey-node", "{\"node\": 1}", TOKEN);

        assertEquals(200, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertEquals("ACTIVE", again.field("state"));
        assertEquals(202, survey.status(), survey.body());
        assertEquals("COMPLETE", survey.json().path("steps").path("survey-node").path("state").asText(), survey.body());
        assertEquals(survey.json().path("steps"), surveyAgain.json().path("steps"));
        assertEquals("[\"ks1\",\"ks2\",\"ks3\"]", survey.json().path("steps").path("survey-node").path("result").path("keyspaces").toString());
        assertEquals(1, count(agents.get(1).output(), "run dup-1 opened"), "opened once");
        assertEquals(409, Http.put(runs + "dup-1", details.replace("\"dup\"", "\"other\""), TOKEN).status(), "another run under the id");
        assertEquals(400, Http.post(runs + "dup-1/steps/survey-node", "{\"node\": 0}", TOKEN).status(), "another node's step");
        assertEquals(404, Http.post(runs + "dup-1/steps/no-such-step", "{\"node\": 1}", TOKEN).status());
        assertEquals(400, Http.put(runs + "..%2Fescape", details, TOKEN).status());
        assertFalse(Http.get(runs + "dup-1", TOKEN).body().contains(SECRET_KEY), "a status never holds a parameter");

        Http.Response ended = Http.delete(runs + "dup-1", TOKEN);

        assertEquals(200, ended.status(), ended.body());
        assertEquals("ENDED", ended.field("state"));
        assertEquals(409, Http.post(runs + "dup-1/steps/snapshot-node", "{\"node\": 1, \"keyspaces\": [\"ks1\"], \"compressionThreads\": 1}",
                TOKEN).status(), "an ended run takes no step");
        assertEquals(404, Http.get(runs + "never-opened", TOKEN).status());
        assertNothingLeftOnTheNodes();
    }

    /** The coordinator, as its own process, with the nodes' folder hidden from it. */
    private Outcome coordinator(String plan, Map<String, String> store, String snapshot, String... extra) throws Exception {
        List<String> words = new ArrayList<>(List.of("plan", "start", plan, "--cluster", cluster.file().toString()));
        for (int i = 0; i < extra.length; i += 2) {
            words.add("-p");
            words.add(extra[i] + "=" + extra[i + 1]);
        }
        Map<String, String> environment = environment(store, snapshot);
        // The coordinator's every log line is searched for the secrets too.
        environment.put("LIFEBOAT_LOG_LEVEL", "debug");
        return LauncherProcess.runWithout(cluster.file().getParent().resolve("nodes"), "-Xmx128m", environment, logs, words);
    }

    /** The plan's parameters as an operator's environment gives them, the secret key among them. */
    private static Map<String, String> environment(Map<String, String> store, String snapshot) {
        Map<String, String> environment = new HashMap<>(store);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        environment.put("SNAPSHOT_NAME", snapshot);
        environment.put("LIFEBOAT_AGENT_TOKEN", TOKEN);
        environment.put("LIFEBOAT_AGENT_TIMEOUT", "10s");
        return environment;
    }

    /** No run holds anything on any node: no snapshot, staging or claim, and no run in an agent's journal. */
    private static void assertNothingLeftOnTheNodes() throws IOException {
        for (int node = 0; node < NODES; node++) {
            Path dataDir = cluster.nodeDir(node);
            try (Stream<Path> entries = Files.walk(dataDir, 2)) {
                List<String> left = entries.map(path -> dataDir.relativize(path).toString()).filter(path -> path.startsWith(".lifeboat")).toList();
                assertEquals(List.of(), left, "node " + node);
            }
        }
    }

    private static void assertSecretsNowhere(Outcome... coordinators) throws IOException {
        for (AgentProcess agent : agents) {
            assertFalse(agent.output().contains(SECRET_KEY), "the secret key in an agent's log");
            assertFalse(agent.output().contains(TOKEN), "the token in an agent's log");
            assertTrue(agent.output().contains("DEBUG"), "the agents log at DEBUG");
        }
        for (Outcome outcome : coordinators) {
            assertFalse(outcome.toString().contains(SECRET_KEY) || outcome.toString().contains(TOKEN), outcome.toString());
        }
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }
}
