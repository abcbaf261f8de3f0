package io.lifeboat.ops;

/**
 * Lifeboat over JMX, as {@code io.lifeboat:type=Lifeboat}. Parameters (secrets included) go in through
 * {@link #startPlan} and are never readable back.
 */
public interface LifeboatMBean {

    /**
     * Starts a plan in the background.
     *
     * @param parameters NAME=VALUE pairs separated by newlines or ';', e.g. {@code SNAPSHOT_NAME=s1;KEYSPACES=ks1 ks2}
     * @return the run's id and state, or why it did not start
     */
    String startPlan(String plan, String parameters);

    /** Interrupts the plan's run, if it is running. */
    String stopPlan(String plan);

    /** One line per plan: the state of its current or last run. */
    String[] getPlanStates();

    String getCurrentRun();

    /** ISO-8601 time of the last completed backup, or empty. */
    String getLastSuccessfulBackupTime();

    String getLastSuccessfulBackupSnapshot();

    /** Bytes stored by the last completed backup, or -1. */
    long getLastSuccessfulBackupBytes();

    /** Pauses a schedule's trigger: with the clustered scheduler store, on every coordinator. */
    String pauseSchedule(String schedule);

    /** Resumes a paused schedule's trigger. */
    String resumeSchedule(String schedule);

    /** One line per schedule: its plan and its trigger's state (NORMAL, PAUSED, BLOCKED while running, DISABLED in the configuration). */
    String[] getScheduleStates();
}
