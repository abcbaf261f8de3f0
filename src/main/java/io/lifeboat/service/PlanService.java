package io.lifeboat.service;

import io.lifeboat.clusters.ClusterFile;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Operation;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.RunView;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.plan.PlanRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs plans for the long-lived service, whoever asks (REST, JMX, a schedule): one run at a time on the
 * cluster, so a backup and a restore never overlap, each through the same direct: endpoints as the CLI.
 */
public final class PlanService {

    private static final Logger LOG = LoggerFactory.getLogger(PlanService.class);

    private final PlanRunner routes;
    private final LifeboatSettings settings;
    private final Path clusterFile;
    private final Map<String, String> environment;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> new Thread(task, "lifeboat-plan"));
    private final AtomicReference<RunProgress> current = new AtomicReference<>();
    private final Map<Plan, RunProgress> lastRuns = new EnumMap<>(Plan.class);
    private final AtomicReference<LastBackup> lastBackup = new AtomicReference<>();
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean shuttingDown;

    /** @param environment where parameters not given with a start come from (secrets, typically) */
    public PlanService(PlanRunner routes, LifeboatSettings settings, Path clusterFile, Map<String, String> environment) {
        this.routes = routes;
        this.settings = settings;
        this.clusterFile = clusterFile;
        this.environment = Map.copyOf(environment);
    }

    public void addListener(RunListener listener) {
        listeners.add(listener);
    }

    /**
     * Checks the parameters and starts the plan in the background.
     *
     * @throws io.lifeboat.plan.ParameterException for a missing or malformed parameter
     * @throws PlanBusyException                  when a plan is already running
     */
    public RunView start(Plan plan, Map<String, String> parameters, String trigger) {
        Claimed claimed = claim(plan, parameters, trigger, UUID.randomUUID().toString());
        runner.submit(() -> runClaimed(claimed));
        return claimed.progress().view();
    }

    /**
     * Like {@link #start} but returns when the run has ended (schedules run this way, so their runs never overlap).
     *
     * @param runId the run's id: a scheduled fire's comes from its schedule and fire time, so that a coordinator that
     *              takes the fire over from one that died carries on the same run, on the agents and in the store
     */
    public RunView run(Plan plan, Map<String, String> parameters, String trigger, String runId) {
        Claimed claimed = claim(plan, parameters, trigger, runId);
        runClaimed(claimed);
        return claimed.progress().view();
    }

    /** Asks the current run of {@code plan} to stop; empty when that plan is not running. */
    public Optional<RunView> stop(Plan plan) {
        RunProgress running = current.get();
        if (running == null || running.plan() != plan) {
            return Optional.empty();
        }
        running.requestStop();
        return Optional.of(running.view());
    }

    public Optional<RunView> currentRun() {
        return Optional.ofNullable(current.get()).map(RunProgress::view);
    }

    /** The current or last run of a plan. */
    public Optional<RunView> lastRun(Plan plan) {
        synchronized (lastRuns) {
            return Optional.ofNullable(lastRuns.get(plan)).map(RunProgress::view);
        }
    }

    public Optional<LastBackup> lastSuccessfulBackup() {
        return Optional.ofNullable(lastBackup.get());
    }

    /**
     * Lets the current run finish within {@code grace}; past that, stops it and waits for it to unwind
     * (uploads aborted, no manifest). Used when the service shuts down.
     */
    public void shutdown(Duration grace) throws InterruptedException {
        shuttingDown = true;
        runner.shutdown();
        RunProgress running = current.get();
        if (running != null && !awaitIdle(grace)) {
            LOG.warn("stopping run {} of {}: the service is shutting down", running.id(), running.plan());
            running.requestStop();
            awaitIdle(Duration.ofMinutes(5));
        }
        runner.awaitTermination(1, TimeUnit.MINUTES);
    }

    private boolean awaitIdle(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (current.get() != null) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private record Claimed(PlanRequest request, RunProgress progress) {
    }

    private Claimed claim(Plan plan, Map<String, String> parameters, String trigger, String runId) {
        PlanRequest request = PlanRequest.parse(plan, ClusterFile.load(clusterFile), new PlanParameters(parameters, environment),
                settings);
        RunProgress progress = new RunProgress(runId, plan, request.snapshot().value(), trigger);
        if (shuttingDown) {
            throw new PlanBusyException("the service is shutting down; no new plan starts");
        }
        if (!current.compareAndSet(null, progress)) {
            RunProgress running = current.get();
            throw new PlanBusyException("plan " + (running == null ? "?" : running.plan()) + " is running on this cluster (run "
                    + (running == null ? "?" : running.id()) + "); one plan runs at a time");
        }
        synchronized (lastRuns) {
            lastRuns.put(plan, progress);
        }
        return new Claimed(request, progress);
    }

    private void runClaimed(Claimed claimed) {
        RunProgress progress = claimed.progress();
        Optional<PlanResult> result = Optional.empty();
        try {
            result = Optional.of(routes.execute(claimed.request(), progress));
            if (claimed.request().plan().operation() == Operation.BACKUP) {
                lastBackup.set(new LastBackup(progress.plan().id(), claimed.request().snapshot().value(), progress.view().trigger(),
                        Instant.now(), result.get().storedBytes()));
            }
            LOG.info("{} {}: complete", progress.plan(), claimed.request().snapshot());
        } catch (RuntimeException e) {
            LOG.warn("{} {}: {}: {}", progress.plan(), claimed.request().snapshot(), progress.state(), Failures.reason(e));
        } finally {
            current.compareAndSet(progress, null);
        }
        RunView view = progress.view();
        for (RunListener listener : listeners) {
            listener.finished(view, result);
        }
    }
}
