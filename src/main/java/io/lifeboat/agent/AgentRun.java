package io.lifeboat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.RunView;
import io.lifeboat.plan.NodeRequest;
import io.lifeboat.plan.NodeStep;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run's work on the agent's node: the run as the agent opened it (its own store connection, claims and
 * snapshot, held until the run ends), the steps its coordinator asked for, each once, and the lease the
 * coordinator renews with every request. A run whose lease runs out is stopped and cleaned up, and stays
 * reported as failed.
 */
final class AgentRun {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRun.class);

    private final String id;
    private final RunDetails details;
    private final Node node;
    private final PlanRun run;
    private final Clock clock;
    private final Duration lease;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private volatile RunStatus.State state = RunStatus.State.ACTIVE;
    private volatile String reason;
    private volatile Instant leaseUntil;
    private boolean released;

    /** A step asked for, and how it went; {@code done} completes when it has ended either way. */
    private static final class Step {
        private volatile RunStatus.StepState state = RunStatus.StepState.RUNNING;
        private volatile JsonNode result;
        private volatile String error;
        private volatile Thread worker;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        RunStatus.Step view() {
            return new RunStatus.Step(state, result, error);
        }
    }

    AgentRun(String id, RunDetails details, Node node, PlanRun run, Clock clock, Duration lease) {
        this.id = id;
        this.details = details;
        this.node = node;
        this.run = run;
        this.clock = clock;
        this.lease = lease;
        renew();
    }

    /** A run that was going on when the agent stopped: reported as failed, with nothing of it left to hold. */
    static AgentRun leftByRestart(String id, RunDetails details, Node node, Clock clock, Duration lease) {
        AgentRun left = new AgentRun(id, details, node, null, clock, lease);
        left.state = RunStatus.State.FAILED;
        left.reason = "the agent restarted while the run was going on; what the run had begun on " + node + " was cleaned up";
        left.released = true;
        return left;
    }

    RunDetails details() {
        return details;
    }

    /** The coordinator is alive: the run may go on for another lease. */
    void renew() {
        leaseUntil = clock.instant().plus(lease);
    }

    boolean leaseExpired() {
        return state == RunStatus.State.ACTIVE && clock.instant().isAfter(leaseUntil);
    }

    boolean active() {
        return state == RunStatus.State.ACTIVE;
    }

    /**
     * Starts the step on {@code executor} unless it was asked for before (a coordinator that retried, or one that
     * took the run over).
     */
    synchronized void start(NodeStep step, NodeRequest request, ProducerTemplate template, ExecutorService executor, AgentJson json) {
        if (steps.containsKey(step.name())) {
            return;
        }
        if (state != RunStatus.State.ACTIVE) {
            throw new AgentException(409, "run " + id + " on " + node + " has " + (state == RunStatus.State.ENDED ? "ended" : "failed: " + reason));
        }
        Step started = new Step();
        steps.put(step.name(), started);
        executor.execute(() -> {
            started.worker = Thread.currentThread();
            try {
                Exchange done = template.send(step.endpoint(), exchange -> {
                    exchange.setProperty(PlanRun.PROPERTY, run);
                    exchange.getMessage().setBody(request);
                });
                if (done.getException() != null) {
                    started.error = PlanFailedException.of(node.toString(), done.getException()).getMessage();
                    started.state = RunStatus.StepState.FAILED;
                } else {
                    started.result = json.tree(done.getMessage().getBody());
                    started.state = RunStatus.StepState.COMPLETE;
                }
            } catch (RuntimeException | Error e) {
                // Whatever went wrong, the step has ended and its coordinator must hear so.
                started.error = PlanFailedException.of(node.toString(), e).getMessage();
                started.state = RunStatus.StepState.FAILED;
            } finally {
                started.worker = null;
                started.done.complete(null);
            }
        });
    }

    /** Waits, at most {@code wait}, for the step to end, so that a coordinator hears of a quick step's end at once. */
    void awaitStep(String name, Duration wait) {
        CompletableFuture<Void> done;
        synchronized (this) {
            Step step = steps.get(name);
            if (step == null) {
                return;
            }
            done = step.done;
        }
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // The coordinator asks again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException cannotHappen) {
            // The step's future only ever completes normally.
        }
    }

    /** The coordinator asks the run to stop: running steps end at their next buffer, as a local run's would. */
    void stop() {
        if (run != null) {
            run.progress().requestStop();
        }
    }

    /** The coordinator is done with the run: once its steps have ended, everything it holds on the node goes. */
    RunStatus end() {
        finish(RunStatus.State.ENDED, null);
        return status();
    }

    /** The coordinator stopped renewing the lease: the run's work is stopped and cleaned up, and it is reported failed. */
    void expire() {
        LOG.warn("{}: run {} ({}) lost its coordinator: no word for {} s; stopping it and cleaning up", node, id, details.plan(),
                lease.toSeconds());
        finish(RunStatus.State.FAILED, "its coordinator stopped renewing the run for " + lease.toSeconds()
                + " s; the work was stopped and what it had begun on " + node + " was cleaned up");
    }

    /**
     * Ends the run; steps still running are stopped at once, waits included (a transfer waiting on its store, say),
     * since nobody will take their results.
     */
    private void finish(RunStatus.State end, String why) {
        List<Step> running;
        synchronized (this) {
            if (state == RunStatus.State.ACTIVE) {
                state = end;
                reason = why;
            }
            running = steps.values().stream().filter(step -> step.state == RunStatus.StepState.RUNNING).toList();
        }
        if (!running.isEmpty()) {
            stop();
            running.forEach(step -> {
                Thread worker = step.worker;
                if (worker != null) {
                    worker.interrupt();
                }
            });
        }
        // The release waits for running steps (they see the stop within a buffer) and happens once.
        CompletableFuture.allOf(running.stream().map(step -> step.done).toArray(CompletableFuture[]::new)).thenRun(this::release).join();
    }

    private void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        try {
            run.release(node);
        } catch (Exception e) {
            LOG.warn("{}: could not clean up after run {}: {}", node, id, e.getMessage());
        } finally {
            run.close();
        }
    }

    synchronized RunStatus status() {
        Map<String, RunStatus.Step> views = new LinkedHashMap<>();
        steps.forEach((name, step) -> views.put(name, step.view()));
        RunStatus.NodeProgress progress = null;
        if (run != null) {
            RunView.Step step = run.progress().view().steps().stream().filter(candidate -> candidate.node() == node.index()).findFirst()
                    .orElse(null);
            if (step != null) {
                progress = new RunStatus.NodeProgress(step.state(), step.bytesDone(), step.bytesTotal());
            }
        }
        return new RunStatus(id, details.plan(), details.parameters().get("SNAPSHOT_NAME"), state, reason,
                run != null && run.progress().stopRequested(), lease.toSeconds(), views, progress);
    }
}
