package io.lifeboat.kernel;

/** A plan that started and could not complete; the message says which node and why. */
public class PlanFailedException extends RuntimeException {

    public PlanFailedException(String message) {
        super(message);
    }

    public PlanFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
