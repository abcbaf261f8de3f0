package io.lifeboat.kernel;

/** A plan that started and could not complete; the message says which node and why. */
public class PlanFailedException extends RuntimeException {

    public PlanFailedException(String message) {
        super(message);
    }

    public PlanFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure as the operator reads it: the reason in words, after "<where>: " when there is a where. */
    public static PlanFailedException of(String where, Throwable cause) {
        // A node's failure arrives wrapped by the splitter that ran the node; it already says where.
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof PlanFailedException failed && (where == null || failed.getMessage().startsWith(where + ":")
                    || failed.getMessage().startsWith(where + " "))) {
                return failed;
            }
        }
        String reason = Failures.reason(cause);
        // A reason that already starts with the place (a node's own message) names it once.
        boolean named = where == null || reason.startsWith(where + ":") || reason.startsWith(where + " ");
        return new PlanFailedException(named ? reason : where + ": " + reason, cause);
    }
}
