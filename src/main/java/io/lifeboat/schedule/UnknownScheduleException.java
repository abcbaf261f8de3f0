package io.lifeboat.schedule;

/** A request named a schedule that is not configured. */
public final class UnknownScheduleException extends RuntimeException {

    public UnknownScheduleException(String name) {
        super("no schedule '" + name + "' (schedules are configured as lifeboat.schedule.<name>.*)");
    }
}
