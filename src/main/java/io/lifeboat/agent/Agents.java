package io.lifeboat.agent;

import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.AgentAddress;
import io.lifeboat.kernel.AgentSettings;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.ProducerTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coordinator's way to its nodes' agents: one client per agent, and per run and node the session on that
 * node's agent, opened with the node's first step and held by the run until it lets the node go.
 */
public final class Agents {

    // An agent answers every request at once, whatever it is doing; only ending a run waits for its clean-up.
    private static final Duration QUICK = Duration.ofSeconds(10);

    private final AgentSettings settings;
    private final Map<AgentAddress, AgentClient> clients = new ConcurrentHashMap<>();
    // A cluster is read anew for every run of a service; equal files make one key.
    private final Map<Cluster, AgentJson> json = new ConcurrentHashMap<>();
    private volatile ProducerTemplate template;

    public Agents(AgentSettings settings) {
        this.settings = settings;
    }

    void use(ProducerTemplate template) {
        this.template = template;
    }

    AgentSettings settings() {
        return settings;
    }

    /** The run's session on the node's agent, opened now if this is the node's first step in the run. */
    AgentSession session(PlanRun run, Node node) throws IOException {
        // A run never has two steps going on one node, so this needs no lock.
        Optional<AgentSession> held = run.held(node, AgentSession.class);
        if (held.isPresent()) {
            return held.get();
        }
        AgentSession opened = AgentSession.open(client(node.agent().orElseThrow()),
                json.computeIfAbsent(run.request().cluster(), AgentJson::new), run, node, settings);
        run.hold(node, opened);
        return opened;
    }

    private AgentClient client(AgentAddress address) {
        return clients.computeIfAbsent(address, agent -> new AgentClient(template, agent, settings.token(),
                QUICK.compareTo(settings.timeout()) < 0 ? QUICK : settings.timeout(), settings.timeout(), AgentTls.CLIENT_OPTIONS));
    }
}
