package io.lifeboat.schedule;

/** A schedule the configuration disables is not paused or resumed: its route does not run at all. */
public final class ScheduleDisabledException extends RuntimeException {

    public ScheduleDisabledException(String name) {
        super("schedule " + name + " is disabled in the configuration (lifeboat.schedule." + name + ".enabled = false)");
    }
}
