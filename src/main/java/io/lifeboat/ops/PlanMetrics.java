package io.lifeboat.ops;

import io.lifeboat.kernel.Operation;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;
import io.lifeboat.service.PlanService;
import io.lifeboat.service.RunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lifeboat's Prometheus metrics (names in docs/operations.md): bytes read and written, run durations and
 * outcomes per plan, the last successful backup per trigger, and the state and bytes of the current run.
 */
public final class PlanMetrics implements RunListener {

    private final MeterRegistry registry;
    // Micrometer holds gauge state weakly: the values live here.
    private final Map<String, AtomicLong> lastBackupSeconds = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastBackupBytes = new ConcurrentHashMap<>();

    public PlanMetrics(MeterRegistry registry, PlanService service) {
        this.registry = registry;
        for (Plan plan : Plan.values()) {
            for (RunState state : RunState.values()) {
                Gauge.builder("lifeboat.plan.state", service, s -> stateOf(s, plan) == state ? 1 : 0)
                        .description("1 for the state of the plan's current or last run (PENDING when it has not run)")
                        .tags("plan", plan.id(), "state", state.name()).register(registry);
            }
        }
        Gauge.builder("lifeboat.run.done", service, s -> s.currentRun().map(RunView::bytesDone).orElse(0L))
                .baseUnit("bytes").description("data bytes done by the current run").register(registry);
        Gauge.builder("lifeboat.run.size", service, s -> s.currentRun().map(RunView::bytesTotal).orElse(0L))
                .baseUnit("bytes").description("data bytes of the current run's started nodes").register(registry);
    }

    @Override
    public void finished(RunView run, Optional<PlanResult> result) {
        String plan = run.plan();
        Counter.builder("lifeboat.plan.runs").description("runs by plan and outcome")
                .tags("plan", plan, "outcome", run.state().name().toLowerCase(Locale.ROOT)).register(registry).increment();
        if (run.startedAt() != null && run.endedAt() != null) {
            Timer.builder("lifeboat.plan.duration").description("run durations").tags("plan", plan)
                    .register(registry).record(Duration.between(run.startedAt(), run.endedAt()));
        }
        boolean backup = Plan.byId(plan).orElseThrow().operation() == Operation.BACKUP;
        long stored = result.map(PlanResult::storedBytes).orElse(0L);
        long data = result.map(PlanResult::dataBytes).orElse(run.bytesDone());
        bytes("lifeboat.plan.read", plan, backup ? data : stored);
        bytes("lifeboat.plan.written", plan, backup ? stored : data);
        if (backup && result.isPresent()) {
            String trigger = run.trigger() == null ? "unknown" : run.trigger();
            gauge(lastBackupSeconds, "lifeboat.last.successful.backup.timestamp", "seconds", trigger).set(run.endedAt().getEpochSecond());
            gauge(lastBackupBytes, "lifeboat.last.successful.backup.size", "bytes", trigger).set(stored);
        }
    }

    private void bytes(String name, String plan, long bytes) {
        Counter.builder(name).baseUnit("bytes").tags("plan", plan).register(registry).increment(bytes);
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String unit, String trigger) {
        return values.computeIfAbsent(trigger, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).baseUnit(unit).tags("trigger", key).register(registry);
            return value;
        });
    }

    private static RunState stateOf(PlanService service, Plan plan) {
        return service.lastRun(plan).map(RunView::state).orElse(RunState.PENDING);
    }
}
