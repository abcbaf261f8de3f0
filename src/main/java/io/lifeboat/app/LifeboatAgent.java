package io.lifeboat.app;

import io.lifeboat.agent.AgentErrorHandling;
import io.lifeboat.agent.AgentRoutes;
import io.lifeboat.agent.AgentRuns;
import io.lifeboat.agent.AgentTls;
import io.lifeboat.api.HttpGate;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.Node;
import io.lifeboat.clusters.ClusterFile;
import io.lifeboat.kernel.AgentAddress;
import io.lifeboat.kernel.AgentSettings;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Quantities;
import org.apache.camel.component.platform.http.main.MainHttpServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code lifeboat agent}: one node's part of every plan, on the node's own host. The plan routes of this
 * process run the node steps coordinators send to the agent's API, on the address of the node's {@code agent}
 * URL, behind the bearer token and, over https, the agent's certificate.
 */
public final class LifeboatAgent implements AutoCloseable {

    // Steps of different runs (a backup and a restore of other snapshots) may go on at once.
    private static final int STEPS_AT_ONCE = 4;

    private final LifeboatRuntime runtime;
    private final AgentRuns runs;
    private final HttpGate gate;
    private final Node node;
    private final AgentAddress address;

    private LifeboatAgent(LifeboatRuntime runtime, AgentRuns runs, HttpGate gate, Node node, AgentAddress address) {
        this.runtime = runtime;
        this.runs = runs;
        this.gate = gate;
        this.node = node;
        this.address = address;
    }

    /** @param nodeIndex the {@code --node} of the command line */
    public static LifeboatAgent start(Path home, Path clusterFile, String nodeIndex, Map<String, String> environment) throws Exception {
        Configuration configuration = Configuration.load(home, environment);
        LifeboatSettings settings = LifeboatSettings.from(configuration);
        AgentSettings agent = AgentSettings.from(configuration);
        Cluster cluster = ClusterFile.load(clusterFile);
        int index = Quantities.wholeNumber("--node", nodeIndex);
        Node node = cluster.node(index).orElseThrow(() -> new ParameterException("--node", "cluster " + cluster.name() + " has no node "
                + index + " (cluster file " + clusterFile + ")"));
        AgentAddress address = node.agent().orElseThrow(() -> new ParameterException("--node", node + " has no 'agent' in cluster file "
                + clusterFile + ": add the URL the agent serves, e.g. agent: https://10.0.0.12:8681"));
        checkTrust(node, address, agent);
        HttpServer.checkPortFree(address.host(), address.port(), "is another lifeboat agent running there?");

        LifeboatRuntime runtime = LifeboatRuntime.create(home, environment, configuration);
        HttpServer.serve(runtime, address.host(), address.port());
        AtomicReference<HttpGate> gate = new AtomicReference<>();
        runtime.whenConfigured(context -> {
            gate.set(HttpGate.install(context, agent.token()));
            agent.keystore().ifPresent(keystore -> context.hasService(MainHttpServer.class).setSslContextParameters(AgentTls.server(keystore)));
        });
        AgentRuns runs = new AgentRuns(cluster, node, settings, agent, environment, PlanExecution.NODE_STEPS, Clock.systemUTC());
        runtime.addRoutes(new AgentErrorHandling());
        runtime.addRoutes(new AgentRoutes(runs));
        runtime.start();
        try {
            runs.start(runtime, runtime.template(), runtime.pool("lifeboat-agent-steps", STEPS_AT_ONCE));
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        gate.get().open();
        return new LifeboatAgent(runtime, runs, gate.get(), node, address);
    }

    /** Off this machine, the agent answers only with TLS and only to coordinators that hold the token. */
    private static void checkTrust(Node node, AgentAddress address, AgentSettings agent) {
        if (!address.loopback() && agent.token().isEmpty()) {
            throw new ParameterException("lifeboat.agent.token", node + "'s agent listens on " + address.host()
                    + ", which is not a loopback address, so it needs a bearer token: set LIFEBOAT_AGENT_TOKEN");
        }
        if (address.tls() && agent.keystore().isEmpty()) {
            throw new ParameterException("lifeboat.agent.tls.keystore", node + "'s agent is " + address
                    + ", so it needs its certificate: set lifeboat.agent.tls.keystore (its password in LIFEBOAT_AGENT_TLS_KEYSTORE_PASSWORD)");
        }
        agent.keystore().ifPresent(keystore -> {
            if (!Files.isReadable(keystore.file())) {
                throw new ParameterException("lifeboat.agent.tls.keystore", "lifeboat.agent.tls.keystore " + keystore.file() + " cannot be read");
            }
        });
    }

    /** For the start-up message. */
    public String describe() {
        return node + " at " + address;
    }

    /** Stops the runs going on (cleaned up, and reported failed after the next start), then Camel. */
    @Override
    public void close() {
        gate.close();
        try {
            runs.close();
        } finally {
            runtime.close();
        }
    }
}
