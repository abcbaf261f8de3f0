package io.lifeboat.ops;

import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.schedule.Schedule;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.Stores;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * DOWN when the store a schedule backs up to cannot be reached: a backup that will fail tonight should
 * page someone today. The answer is kept for a while so health probes do not hammer the store.
 */
public final class StoreHealthCheck extends AbstractHealthCheck {

    private static final Duration KEEP = Duration.ofSeconds(30);

    private final Schedule schedule;
    private final Map<String, String> environment;
    private final Deadlines deadlines;
    private volatile Instant checkedAt = Instant.EPOCH;
    private volatile String problem;

    public StoreHealthCheck(Schedule schedule, Map<String, String> environment, Deadlines deadlines) {
        super("lifeboat", "store-" + schedule.name());
        this.schedule = schedule;
        this.environment = Map.copyOf(environment);
        this.deadlines = deadlines;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (Instant.now().isAfter(checkedAt.plus(KEEP))) {
            problem = check();
            checkedAt = Instant.now();
        }
        builder.detail("schedule", schedule.name());
        if (problem == null) {
            builder.up();
        } else {
            builder.down().message(problem);
        }
    }

    private String check() {
        try {
            StoreLocation location = StoreLocation.from(schedule.job().store(), new PlanParameters(schedule.parameters(), environment));
            try (SnapshotStore store = Stores.open(location, deadlines, getCamelContext())) {
                store.checkReachable();
            }
            return null;
        } catch (ParameterException e) {
            return "schedule " + schedule.name() + ": " + e.getMessage();
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
