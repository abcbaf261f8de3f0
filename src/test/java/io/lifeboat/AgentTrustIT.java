package io.lifeboat;

import io.lifeboat.testing.AgentCluster;
import io.lifeboat.testing.AgentProcess;
import io.lifeboat.testing.Http;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.TestCertificates;
import io.lifeboat.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trust between coordinators and agents: an agent over https with its own certificate, verified by a coordinator
 * that holds it in its truststore and refused by one that does not; and agents that refuse to start off loopback
 * without a token and TLS (refused before they bind: nothing is sent anywhere).
 */
class AgentTrustIT {

    private static final String TOKEN = "trust-it-token-3310";

    @TempDir
    Path scratch;

    @Test
    void aCoordinatorTalksToAnHttpsAgentOnlyWhenItTrustsItsCertificate() throws Exception {
        String host = "127.0.0.5";
        TestCertificates certificates = TestCertificates.forAddress(Files.createDirectories(scratch.resolve("tls")), host);
        AgentCluster cluster = AgentCluster.tricky(scratch.resolve("cluster"), List.of(host));
        String https = "https://" + host + ":" + TestServers.freePort(host);
        cluster = cluster.withAgent(0, https);
        Path logs = Files.createDirectories(scratch.resolve("logs"));
        Map<String, String> agentEnvironment = AgentProcess.environment(TOKEN, "10s", "30s");
        agentEnvironment.put("LIFEBOAT_AGENT_TLS_KEYSTORE", certificates.keystore().toString());
        agentEnvironment.put("LIFEBOAT_AGENT_TLS_KEYSTORE_PASSWORD", certificates.password());
        Path store = Files.createDirectories(scratch.resolve("store"));

        try (AgentProcess agent = AgentProcess.start(cluster.file(), 0, https, agentEnvironment, logs)) {
            Map<String, String> trusting = coordinator(store, "over-tls");
            trusting.put("LIFEBOAT_AGENT_TLS_TRUSTSTORE", certificates.truststore().toString());
            trusting.put("LIFEBOAT_AGENT_TLS_TRUSTSTORE_PASSWORD", certificates.password());
            Outcome trusted = LauncherProcess.run("", trusting, logs, List.of("plan", "start", "backup-local", "--cluster", cluster.file().toString()));
            Outcome untrusted = LauncherProcess.run("", coordinator(store, "untrusted"), logs,
                    List.of("plan", "start", "backup-local", "--cluster", cluster.file().toString()));

            assertEquals(0, trusted.exitCode(), trusted.toString());
            assertTrue(Files.exists(store.resolve("over-tls/manifest.json")));
            assertEquals(1, untrusted.exitCode(), untrusted.toString());
            assertTrue(untrusted.err().startsWith("lifeboat plan start backup-local: FAILED: node 0: the agent at " + https), untrusted.err());
            assertEquals(1, untrusted.err().lines().count(), untrusted.err());
            assertTrue(Files.notExists(store.resolve("untrusted")), "nothing written");
            // Plain http to the agent's port is no conversation at all.
            assertThrows(IOException.class, () -> Http.get(https.replace("https:", "http:") + "/v1/agent", TOKEN));
        }
    }

    @Test
    void anAgentOffLoopbackRefusesToStartWithoutTlsOrWithoutAToken() throws Exception {
        Path plain = cluster("plain", "http://192.0.2.10:8681");
        Path tls = cluster("tls", "https://192.0.2.10:8681");

        Outcome httpAgent = LifeboatCommand.run(Map.of(), "agent", "--cluster", plain.toString(), "--node", "0");
        Outcome httpCoordinator = LifeboatCommand.run(Map.of(), "plan", "start", "backup-local", "--cluster", plain.toString(),
                "-p", "SNAPSHOT_NAME=x", "-p", "BACKUP_DIR=" + scratch);
        Outcome noToken = LifeboatCommand.run(Map.of(), "agent", "--cluster", tls.toString(), "--node", "0");
        Outcome noKeystore = LifeboatCommand.run(Map.of("LIFEBOAT_AGENT_TOKEN", TOKEN), "agent", "--cluster", tls.toString(), "--node", "0");
        Outcome noAgent = LifeboatCommand.run(Map.of(), "agent", "--cluster", cluster("none", null).toString(), "--node", "0");

        assertRefused(httpAgent, "node 0: agent http://192.0.2.10:8681 is not on a loopback address, so it must be https://");
        assertRefused(httpCoordinator, "node 0: agent http://192.0.2.10:8681 is not on a loopback address, so it must be https://");
        assertRefused(noToken, "node 0's agent listens on 192.0.2.10, which is not a loopback address, so it needs a bearer token:"
                + " set LIFEBOAT_AGENT_TOKEN");
        assertRefused(noKeystore, "node 0's agent is https://192.0.2.10:8681, so it needs its certificate: set lifeboat.agent.tls.keystore");
        assertRefused(noAgent, "node 0 has no 'agent' in cluster file");
    }

    private Path cluster(String name, String agent) throws IOException {
        Path folder = Files.createDirectories(scratch.resolve(name));
        return Files.writeString(folder.resolve("cluster.yaml"), "name: " + name + "\nnodes:\n  - index: 0\n    dataDir: node-0\n"
                + (agent == null ? "" : "    agent: " + agent + "\n"));
    }

    private static void assertRefused(Outcome outcome, String message) {
        assertEquals(2, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.err().contains(message), outcome.toString());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
    }

    private static Map<String, String> coordinator(Path store, String snapshot) {
        Map<String, String> environment = new HashMap<>();
        environment.put("BACKUP_DIR", store.toString());
        environment.put("SNAPSHOT_NAME", snapshot);
        environment.put("LIFEBOAT_AGENT_TOKEN", TOKEN);
        return environment;
    }
}
