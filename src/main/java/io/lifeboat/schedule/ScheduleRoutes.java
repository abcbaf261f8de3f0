package io.lifeboat.schedule;

import io.lifeboat.kernel.ParameterException;
import io.lifeboat.service.PlanBusyException;
import io.lifeboat.service.PlanService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code direct:run-schedule}: where the schedules' Quartz routes (YAML, under {@code routes/}) hand a fire,
 * with the schedule's name in the {@link #SCHEDULE_HEADER} header. The plan runs to its end on the Quartz
 * thread, so with {@code stateful=true} fires of one schedule never overlap.
 */
public final class ScheduleRoutes extends RouteBuilder {

    public static final String SCHEDULE_HEADER = "lifeboatSchedule";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRoutes.class);

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

    private void runScheduledPlan(Exchange exchange) {
        String name = exchange.getMessage().getHeader(SCHEDULE_HEADER, String.class);
        Schedule schedule = schedules.byName(name)
                .orElseThrow(() -> new ParameterException(SCHEDULE_HEADER, "no schedule " + name + " is configured"));
        Map<String, String> parameters = new HashMap<>(schedule.parameters());
        parameters.put("SNAPSHOT_NAME", schedule.snapshotName(ZonedDateTime.now()));
        try {
            service.run(schedule.plan(), parameters, "schedule " + name);
        } catch (PlanBusyException | ParameterException e) {
            LOG.warn("schedule {}: {} not started: {}", name, schedule.plan(), e.getMessage());
        }
    }
}
