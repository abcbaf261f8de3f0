package io.lifeboat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.claim.Ticker;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.Node;
import io.lifeboat.cluster.WorkFolders;
import io.lifeboat.kernel.AgentSettings;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.Printable;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.plan.NodeRequest;
import io.lifeboat.plan.NodeStep;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.plan.PlanRuns;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The runs of this agent's node, by the coordinator's run id: opened by a coordinator, their steps run here
 * through the same node routes a coordinator runs for nodes it works on itself, kept alive by the
 * coordinator's requests and stopped and cleaned up when it falls silent for a lease. A run id opened twice
 * is the same run; a run the agent dropped by restarting is reported failed.
 */
public final class AgentRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRuns.class);
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    // Credentials an agent may hold in its own environment, for a coordinator that sent none.
    private static final List<String> OWN_CREDENTIALS = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AZURE_STORAGE_KEY",
            "CLIENT_ID", "TENANT_ID", "CLIENT_SECRET", "CASSANDRA_USERNAME", "CASSANDRA_PASSWORD", "CASSANDRA_JMX_USERNAME",
            "CASSANDRA_JMX_PASSWORD");
    private static final int ENDED_RUNS_KEPT = 256;
    // Well within the coordinator's 10 s per request.
    private static final Duration STEP_WAIT = Duration.ofSeconds(5);

    private final Cluster cluster;
    private final Node node;
    private final LifeboatSettings settings;
    private final AgentSettings agent;
    private final Map<String, String> credentials;
    private final Map<String, NodeStep> steps;
    private final Clock clock;
    private final AgentJson json;
    private final RunJournal journal;
    private final Map<String, AgentRun> runs = new LinkedHashMap<>();
    private final Set<String> journaled = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();
    private PlanRuns opener;
    private ProducerTemplate template;
    private ExecutorService executor;
    private ScheduledFuture<?> leaseWatch;

    public AgentRuns(Cluster cluster, Node node, LifeboatSettings settings, AgentSettings agent, Map<String, String> environment,
                     List<NodeStep> steps, Clock clock) {
        this.cluster = cluster;
        this.node = node;
        this.settings = settings;
        this.agent = agent;
        this.credentials = environment.entrySet().stream().filter(entry -> OWN_CREDENTIALS.contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        this.steps = steps.stream().collect(Collectors.toMap(NodeStep::name, Function.identity()));
        this.clock = clock;
        this.json = new AgentJson(cluster);
        this.journal = new RunJournal(WorkFolders.agentJournal(node));
    }

    /**
     * Starts serving: the runs a previous start left going are reported failed and what they left on the node is
     * removed; then the leases are watched.
     */
    public void start(PlanRuns opener, ProducerTemplate template, ExecutorService executor) throws IOException {
        this.opener = opener;
        this.template = template;
        this.executor = executor;
        for (RunJournal.Entry left : journal.takeLeftBehind()) {
            LOG.warn("{}: run {} ({} {}) was going on when the agent stopped; it is reported failed", node, left.run(), left.plan(),
                    left.snapshot());
            runs.put(left.run(), AgentRun.leftByRestart(left.run(), RunJournal.details(left), node, clock, agent.lease()));
        }
        WorkFolders.sweep(node);
        long every = Math.max(100, agent.lease().toMillis() / 10);
        leaseWatch = Ticker.SHARED.scheduleWithFixedDelay(() -> Ticker.CHORES.execute(this::expireLeases), every, every,
                TimeUnit.MILLISECONDS);
    }

    AgentInfo info() {
        return new AgentInfo(cluster.name(), node.index());
    }

    AgentJson json() {
        return json;
    }

    /** Opens the run, or answers the run already open under that id if it is the same run. */
    RunStatus open(String id, JsonNode body) throws IOException {
        checkId(id);
        RunDetails details = readRunDetails(body);
        if (details.plan() == null || details.parameters().get("SNAPSHOT_NAME") == null) {
            throw new AgentException(400, "run details need a plan and SNAPSHOT_NAME");
        }
        synchronized (runs) {
            AgentRun existing = runs.get(id);
            if (existing != null) {
                if (!existing.details().sameRunAs(details)) {
                    throw new AgentException(409, "run " + id + " on " + node + " is " + existing.details().plan() + " of snapshot "
                            + existing.details().parameters().get("SNAPSHOT_NAME") + ", not this one");
                }
                existing.renew();
                LOG.info("{}: run {} asked for again: {}", node, id, existing.active() ? "carried on (a coordinator retried, or took the run over)"
                        : "it is over");
                return existing.status();
            }
            AgentRun opened = openRun(id, details);
            runs.put(id, opened);
            forgetOldRuns();
            return opened.status();
        }
    }

    private AgentRun openRun(String id, RunDetails details) throws IOException {
        Plan plan = Plan.byId(details.plan()).orElseThrow(() -> new AgentException(400, "no plan '" + Printable.of(details.plan()) + "'"));
        PlanRequest request;
        try {
            request = PlanRequest.parse(plan, cluster, new PlanParameters(details.parameters(), credentials), settings);
        } catch (ParameterException e) {
            throw new AgentException(400, e.getMessage());
        }
        RunProgress progress = new RunProgress(id, plan, request.snapshot().value(), "coordinator");
        progress.started();
        PlanRun run = opener.open(request, progress);
        LOG.info("{}: run {} opened: {} of snapshot {}", node, id, plan, request.snapshot());
        return new AgentRun(id, details, node, run, clock, agent.lease());
    }

    /**
     * Starts one of the run's steps on this node, unless it was asked for before, and answers once it has ended or
     * after a few seconds, whichever comes first: the coordinator asks again until it has ended.
     */
    RunStatus step(String id, String name, JsonNode body) throws IOException {
        AgentRun run = known(id);
        NodeStep step = steps.get(name);
        if (step == null) {
            throw new AgentException(404, "no step '" + Printable.of(name) + "' (steps: " + String.join(", ", steps.keySet()) + ")");
        }
        NodeRequest request = readBody(body, step.request(), "a " + name + " request");
        if (request.node().index() != node.index()) {
            throw new AgentException(400, "this agent serves " + node + ", not " + request.node());
        }
        run.renew();
        // Noted once per run, when it first works on the node, not at every ask.
        if (run.active() && !journaled.contains(id)
                && journal.started(new RunJournal.Entry(id, run.details().plan(), run.details().parameters().get("SNAPSHOT_NAME")))) {
            journaled.add(id);
        }
        run.start(step, request, template, executor, json);
        run.awaitStep(name, STEP_WAIT);
        return run.status();
    }

    /** The coordinator is alive; the answer is how the run goes. */
    RunStatus heartbeat(String id) {
        AgentRun run = known(id);
        run.renew();
        return run.status();
    }

    RunStatus stop(String id) {
        AgentRun run = known(id);
        run.renew();
        run.stop();
        return run.status();
    }

    RunStatus status(String id) {
        return known(id).status();
    }

    /** The coordinator is done with the run on this node: everything it holds here is let go. */
    RunStatus end(String id) {
        AgentRun run = known(id);
        RunStatus ended = run.end();
        forgetJournal(id);
        return ended;
    }

    private AgentRun known(String id) {
        checkId(id);
        synchronized (runs) {
            AgentRun run = runs.get(id);
            if (run == null) {
                throw new AgentException(404, "this agent (" + node + ") knows no run " + id);
            }
            return run;
        }
    }

    private void expireLeases() {
        if (!watching.compareAndSet(false, true)) {
            return;
        }
        try {
            Map<String, AgentRun> expired = new HashMap<>();
            synchronized (runs) {
                runs.forEach((id, run) -> {
                    if (run.leaseExpired()) {
                        expired.put(id, run);
                    }
                });
            }
            expired.forEach((id, run) -> {
                run.expire();
                forgetJournal(id);
            });
        } finally {
            watching.set(false);
        }
    }

    private void forgetJournal(String id) {
        journal.ended(id);
        journaled.remove(id);
    }

    private void forgetOldRuns() {
        int over = runs.size() - ENDED_RUNS_KEPT;
        if (over > 0) {
            List<String> oldest = runs.entrySet().stream().filter(entry -> !entry.getValue().active()).limit(over)
                    .map(Map.Entry::getKey).toList();
            oldest.forEach(runs::remove);
        }
    }

    private <T> T readBody(JsonNode body, Class<T> type, String what) {
        if (body == null || !body.isObject()) {
            throw new AgentException(400, "the request body must be " + what + " as a JSON object");
        }
        try {
            return json.read(body, type);
        } catch (IOException e) {
            throw new AgentException(400, "the request body is not " + what + ": " + Printable.of(firstLine(e.getMessage())));
        }
    }

    /** Read without Jackson's words on failure: they may quote a parameter's value, and some are secrets. */
    private RunDetails readRunDetails(JsonNode body) {
        try {
            return json.read(body, RunDetails.class);
        } catch (IOException | RuntimeException e) {
            throw new AgentException(400, "the request body must be run details: {\"plan\": ..., \"parameters\": {...}}");
        }
    }

    private static void checkId(String id) {
        if (id == null || !RUN_ID.matcher(id).matches()) {
            throw new AgentException(400, "a run id is 1 to 128 letters, digits and . _ : @ -");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /**
     * The agent stops: its runs are stopped and cleaned up, but stay in the journal, so that the next start
     * reports them failed to their coordinators.
     */
    @Override
    public void close() {
        if (leaseWatch != null) {
            leaseWatch.cancel(false);
        }
        List<AgentRun> active;
        synchronized (runs) {
            active = runs.values().stream().filter(AgentRun::active).toList();
        }
        active.forEach(AgentRun::end);
    }
}
