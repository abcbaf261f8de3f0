package io.lifeboat.schedule;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Pauses and resumes the schedules' Quartz triggers. In the clustered store a trigger's state is a row that
 * every coordinator reads, so a schedule paused on one is paused on all, unlike a stopped route.
 */
public final class ScheduleTriggers {

    /** The Quartz group of the schedules' triggers: the routes' {@code quartz:lifeboat/<name>}. */
    static final String GROUP = "lifeboat";

    private final Schedules schedules;
    private final Supplier<CamelContext> camel;

    /** One schedule and the state of its trigger: NORMAL, PAUSED, BLOCKED (running), or DISABLED in the configuration. */
    public record State(String schedule, String plan, String state) {
    }

    public ScheduleTriggers(Schedules schedules, Supplier<CamelContext> camel) {
        this.schedules = schedules;
        this.camel = camel;
    }

    public List<State> states() throws SchedulerException {
        List<State> states = new ArrayList<>();
        for (Schedule schedule : schedules.all()) {
            states.add(state(schedule));
        }
        return states;
    }

    public State pause(String name) throws SchedulerException {
        Schedule schedule = known(name);
        scheduler().pauseTrigger(triggerOf(schedule));
        return state(schedule);
    }

    public State resume(String name) throws SchedulerException {
        Schedule schedule = known(name);
        scheduler().resumeTrigger(triggerOf(schedule));
        return state(schedule);
    }

    private State state(Schedule schedule) throws SchedulerException {
        String state = schedule.enabled() ? scheduler().getTriggerState(key(schedule)).name() : "DISABLED";
        return new State(schedule.name(), schedule.job().label(), state);
    }

    private Schedule known(String name) {
        return schedules.byName(name).orElseThrow(() -> new UnknownScheduleException(name));
    }

    /** The trigger of a schedule the configuration enables; a disabled one's route never starts, whatever its trigger says. */
    private static TriggerKey triggerOf(Schedule schedule) {
        if (!schedule.enabled()) {
            throw new ScheduleDisabledException(schedule.name());
        }
        return key(schedule);
    }

    private static TriggerKey key(Schedule schedule) {
        return TriggerKey.triggerKey(schedule.name(), GROUP);
    }

    private Scheduler scheduler() {
        return camel.get().getComponent("quartz", QuartzComponent.class).getScheduler();
    }
}
