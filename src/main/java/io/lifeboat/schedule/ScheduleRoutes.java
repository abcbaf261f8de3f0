package io.lifeboat.schedule;

import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.Printable;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.service.PlanBusyException;
import io.lifeboat.service.PlanService;
import io.lifeboat.store.Purge;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.Stores;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code direct:run-schedule}: where the schedules' Quartz routes (YAML, under {@code routes/}) hand a fire,
 * with the schedule's name in the {@link #SCHEDULE_HEADER} header. The plan runs to its end on the Quartz
 * thread, so with {@code stateful=true} fires of one schedule never overlap.
 */
public final class ScheduleRoutes extends RouteBuilder {

    public static final String SCHEDULE_HEADER = "lifeboatSchedule";
    /** camel-quartz's header with the time Quartz meant the fire for. */
    static final String SCHEDULED_FIRE_TIME = "scheduledFireTime";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRoutes.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Schedules schedules;
    private final PlanService service;
    private final LifeboatSettings settings;
    private final Map<String, String> environment;

    /** @param environment where a purge's secrets (store credentials) come from, as a plan's do */
    public ScheduleRoutes(Schedules schedules, PlanService service, LifeboatSettings settings, Map<String, String> environment) {
        this.schedules = schedules;
        this.service = service;
        this.settings = settings;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void configure() {
        from("direct:run-schedule").routeId("run-schedule")
                .process(this::runScheduledPlan);
    }

    /**
     * The time the fire was scheduled for, not when it ran: a fire that another coordinator takes over after this
     * one died, or one that ran late, still names the same snapshot.
     */
    private static ZonedDateTime firedFor(Exchange exchange) {
        Date scheduled = exchange.getMessage().getHeader(SCHEDULED_FIRE_TIME, Date.class);
        return scheduled == null ? ZonedDateTime.now() : scheduled.toInstant().atZone(ZoneOffset.UTC);
    }

    /** One fire of a schedule, whichever coordinator runs it: {@code nightly@20261203T020000Z}. */
    static String runId(String schedule, ZonedDateTime firedFor) {
        return schedule + "@" + RUN_TIME.format(firedFor.withZoneSameInstant(ZoneOffset.UTC));
    }

    private void runScheduledPlan(Exchange exchange) {
        String name = exchange.getMessage().getHeader(SCHEDULE_HEADER, String.class);
        Schedule schedule = schedules.byName(name)
                .orElseThrow(() -> new ParameterException(SCHEDULE_HEADER, "no schedule " + name + " is configured"));
        if (schedule.job() instanceof ScheduledJob.Purge purge) {
            purge(schedule, purge);
            return;
        }
        ScheduledJob.RunPlan run = (ScheduledJob.RunPlan) schedule.job();
        Map<String, String> parameters = new HashMap<>(schedule.parameters());
        ZonedDateTime firedFor = firedFor(exchange);
        parameters.put("SNAPSHOT_NAME", schedule.snapshotName(run, firedFor));
        try {
            service.run(run.plan(), parameters, "schedule " + name, runId(name, firedFor));
        } catch (PlanBusyException | ParameterException e) {
            LOG.warn("schedule {}: {} not started: {}", name, run.plan(), e.getMessage());
        }
    }

    /**
     * A purge runs on the schedule's thread beside whatever plan runs (a purge spares what a backup in progress
     * writes); what it keeps and drops, and its outcome, go to the log in one line each.
     */
    private void purge(Schedule schedule, ScheduledJob.Purge purge) {
        try {
            PlanParameters parameters = new PlanParameters(schedule.parameters(), environment);
            StoreLocation location = StoreLocation.from(purge.store(), parameters);
            Optional<KeyEncryptionKey> kek = KeyEncryptionKey.configured(parameters, settings.encryptionKeyFile());
            try (SnapshotStore store = Stores.open(location, settings.deadlines(), getContext(), kek)) {
                store.checkReachable();
                Purge.Result result = new Purge(store, settings.purgeGrace(), Clock.systemUTC(),
                        line -> LOG.info("schedule {}: {}", schedule.name(), Printable.of(line))).run(purge.policy(), false);
                LOG.info("schedule {}: purged {}: kept {} snapshots, dropped {} and {} incomplete; deleted {} objects", schedule.name(),
                        location.describe(), result.kept(), result.dropped(), result.incompleteDropped().size(), result.objectsDeleted());
            }
        } catch (ParameterException e) {
            LOG.warn("schedule {}: purge not started: {}", schedule.name(), e.getMessage());
        } catch (Exception e) {
            LOG.warn("schedule {}: purge FAILED: {}", schedule.name(), Failures.reason(e));
        }
    }
}
