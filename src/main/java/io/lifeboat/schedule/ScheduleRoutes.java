package io.lifeboat.schedule;

import io.lifeboat.kernel.ParameterException;
import io.lifeboat.service.PlanBusyException;
import io.lifeboat.service.PlanService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

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

    public ScheduleRoutes(Schedules schedules, PlanService service) {
        this.schedules = schedules;
        this.service = service;
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
        Map<String, String> parameters = new HashMap<>(schedule.parameters());
        ZonedDateTime firedFor = firedFor(exchange);
        parameters.put("SNAPSHOT_NAME", schedule.snapshotName(firedFor));
        try {
            service.run(schedule.plan(), parameters, "schedule " + name, runId(name, firedFor));
        } catch (PlanBusyException | ParameterException e) {
            LOG.warn("schedule {}: {} not started: {}", name, schedule.plan(), e.getMessage());
        }
    }
}
