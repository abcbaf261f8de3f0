package io.lifeboat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.claim.Ticker;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.AgentSettings;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.RunState;
import io.lifeboat.plan.NodeRequest;
import io.lifeboat.plan.NodeStep;
import io.lifeboat.plan.PlanRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One node's agent as one run uses it: the run opened on the agent, kept alive by a heartbeat that brings back
 * the node's progress and the outcome of the steps asked of it, and ended when the run lets the node go (the
 * agent then cleans up on its host). An agent that has not answered for {@code lifeboat.agent.timeout}, or that
 * no longer knows the run, fails the step waiting on it, naming the node.
 */
final class AgentSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final AgentClient client;
    private final AgentJson json;
    private final Node node;
    private final String path;
    private final String runId;
    private final RunProgress progress;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicBoolean beating = new AtomicBoolean();
    private final ScheduledFuture<?> heartbeat;
    private volatile Instant lastAnswer;
    private volatile String lost;
    private volatile boolean silent;
    private volatile boolean stopSent;

    private AgentSession(AgentClient client, AgentJson json, Node node, RunProgress progress, AgentSettings settings, Clock clock) {
        this.client = client;
        this.json = json;
        this.node = node;
        this.runId = progress.id();
        this.path = "/v1/runs/" + runId;
        this.progress = progress;
        this.timeout = settings.timeout();
        this.clock = clock;
        this.lastAnswer = clock.instant();
        long every = settings.heartbeat().toMillis();
        this.heartbeat = Ticker.SHARED.scheduleWithFixedDelay(() -> Ticker.CHORES.execute(this::beat), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the run on the node's agent, after checking the agent serves this node of this cluster. Asked once: an
     * agent that cannot be reached now refuses the run before anything is written.
     */
    static AgentSession open(AgentClient client, AgentJson json, PlanRun run, Node node, AgentSettings settings) throws IOException {
        AgentClient.Answer info = client.send("GET", "/v1/agent", null, false);
        if (!info.ok() || info.body() == null) {
            throw new PlanFailedException(node + ": the agent at " + client.address() + " refused to say what it serves: " + info.error());
        }
        AgentInfo serves = json.read(info.body(), AgentInfo.class);
        String cluster = run.request().cluster().name();
        if (serves.node() != node.index() || !cluster.equals(serves.cluster())) {
            throw new PlanFailedException(node + ": the agent at " + client.address() + " serves node " + serves.node() + " of cluster "
                    + serves.cluster() + ", not " + node + " of cluster " + cluster + "; check the agent URLs in the cluster file");
        }
        RunDetails details = new RunDetails(run.request().plan().id(), run.request().parameters());
        AgentClient.Answer opened = client.send("PUT", "/v1/runs/" + run.progress().id(), json.write(details), false);
        if (!opened.ok()) {
            throw new PlanFailedException(node + ": the agent at " + client.address() + " refused run " + run.progress().id() + ": "
                    + opened.error());
        }
        RunStatus status = json.read(opened.body(), RunStatus.class);
        if (status.state() != RunStatus.State.ACTIVE) {
            throw new PlanFailedException(node + ": " + ended(client, status));
        }
        return new AgentSession(client, json, node, run.progress(), settings, Clock.systemUTC());
    }

    /** Runs the step on the agent and waits for its result (a step asked for before answers its outcome so far). */
    Object run(NodeStep step, NodeRequest request) throws Exception {
        failIfLost();
        CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
        waiting.put(step.name(), outcome);
        try {
            byte[] body = json.write(request);
            // Each ask starts the step if it is not going yet, and answers when it ends or after a few seconds.
            while (!outcome.isDone()) {
                AgentClient.Answer asked = sendRetrying("POST", path + "/steps/" + step.name(), body);
                if (!asked.ok()) {
                    throw new PlanFailedException(node + ": the agent at " + client.address() + " refused " + step.name() + ": " + asked.error());
                }
                observe(json.read(asked.body(), RunStatus.class));
            }
            return json.read(outcome(outcome), step.result());
        } finally {
            waiting.remove(step.name());
        }
    }

    private static JsonNode outcome(CompletableFuture<JsonNode> done) throws Exception {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Asks the agent until it answers, for as long as an agent may be silent; the request is one it may get twice. */
    private AgentClient.Answer sendRetrying(String method, String where, byte[] body) throws InterruptedException {
        while (true) {
            failIfLost();
            try {
                return client.send(method, where, body, false);
            } catch (AgentUnreachableException e) {
                quiet(e.reason());
                failIfLost();
                Thread.sleep(RETRY.toMillis());
            }
        }
    }

    private void beat() {
        if (!beating.compareAndSet(false, true)) {
            return;
        }
        try {
            if (progress.stopRequested() && !stopSent) {
                stopSent = client.send("POST", path + "/stop", null, false).ok();
            }
            AgentClient.Answer answer = client.send("POST", path + "/heartbeat", null, false);
            if (answer.status() == 404) {
                lose(node + ": the agent at " + client.address() + " no longer knows run " + runId + " (" + answer.error()
                        + "); it was restarted and dropped the run");
            } else if (!answer.ok()) {
                quiet(answer.error());
            } else {
                observe(json.read(answer.body(), RunStatus.class));
            }
        } catch (AgentUnreachableException e) {
            quiet(e.reason());
        } catch (IOException | RuntimeException e) {
            quiet(Failures.reason(e));
        } finally {
            beating.set(false);
        }
    }

    private void observe(RunStatus status) {
        lastAnswer = clock.instant();
        // The node's work on the agent has begun (before it, the agent knows no better total than this coordinator).
        if (status.progress() != null && status.progress().state() != RunState.PENDING) {
            progress.node(node.index()).reported(status.progress().state(), status.progress().done(), status.progress().total());
        }
        waiting.forEach((name, outcome) -> {
            RunStatus.Step step = status.steps().get(name);
            if (step != null && step.state() == RunStatus.StepState.COMPLETE) {
                outcome.complete(step.result());
            } else if (step != null && step.state() == RunStatus.StepState.FAILED) {
                outcome.completeExceptionally(new PlanFailedException(step.error()));
            }
        });
        if (status.state() != RunStatus.State.ACTIVE) {
            lose(node + ": " + ended(client, status));
        }
    }

    /** The agent did not answer (or refused the heartbeat); past the timeout the session is lost. */
    private void quiet(String why) {
        Duration silence = Duration.between(lastAnswer, clock.instant());
        if (silence.compareTo(timeout) > 0) {
            silent = true;
            lose(node + ": its agent at " + client.address() + " has not answered for " + timeout.toSeconds() + " s (" + why + ")");
        }
    }

    private void lose(String why) {
        if (lost == null) {
            lost = why;
        }
        heartbeat.cancel(false);
        waiting.values().forEach(outcome -> outcome.completeExceptionally(new PlanFailedException(why)));
    }

    private void failIfLost() {
        if (lost != null) {
            throw new PlanFailedException(lost);
        }
    }

    private static String ended(AgentClient client, RunStatus status) {
        return "the agent at " + client.address() + " reports run " + status.run() + " "
                + (status.state() == RunStatus.State.ENDED ? "ended" : "failed: " + status.reason());
    }

    /** Ends the run on the agent, which lets go of everything the run held on the node; an agent gone silent is not asked. */
    @Override
    public void close() {
        heartbeat.cancel(false);
        if (silent) {
            return;
        }
        try {
            AgentClient.Answer ended = client.send("DELETE", path, null, true);
            if (!ended.ok() && ended.status() != 404) {
                LOG.warn("{}: the agent at {} did not end run {}: {}", node, client.address(), runId, ended.error());
            }
        } catch (AgentUnreachableException e) {
            // The run's own outcome is what gets reported; the agent cleans up once the run's lease runs out.
            LOG.info("{}: could not end run {} on its agent, which cleans up when the run's lease runs out: {}", node, runId, e.getMessage());
        }
    }
}
