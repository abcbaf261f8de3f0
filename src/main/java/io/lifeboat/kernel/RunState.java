package io.lifeboat.kernel;

/** Where a run, a phase or a node step stands. */
public enum RunState {
    PENDING, IN_PROGRESS, COMPLETE, ERROR, INTERRUPTED;

    public boolean finished() {
        return this == COMPLETE || this == ERROR || this == INTERRUPTED;
    }
}
