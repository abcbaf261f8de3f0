package io.lifeboat.kernel;

/** Thrown on a plan's working threads once an operator asked the run to stop. */
public final class PlanInterruptedException extends PlanFailedException {

    public PlanInterruptedException() {
        super("the plan was stopped before it completed");
    }
}
