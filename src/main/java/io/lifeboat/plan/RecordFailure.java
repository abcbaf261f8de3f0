package io.lifeboat.plan;

import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.PlanFailedException;

import io.lifeboat.cluster.Node;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Records the exception that ended a route against its run, naming the node when there is one. */
public final class RecordFailure implements Processor {

    @Override
    public void process(Exchange exchange) {
        PlanRun run = PlanRun.of(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (run != null && cause != null) {
            Node node = PlanRun.nodeOf(exchange);
            PlanFailedException failure = describe(node, cause);
            run.fail(failure);
            if (node != null) {
                run.progress().node(node.index()).fail(failure.getMessage());
            }
        }
    }

    /** The failure as the operator reads it: the node, when known, and the reason in words, on one line. */
    public static PlanFailedException describe(Node node, Throwable cause) {
        if (cause instanceof PlanFailedException failed && (node == null || failed.getMessage().startsWith(node + ":"))) {
            return failed;
        }
        String reason = Failures.reason(cause);
        return new PlanFailedException(node == null ? reason : node + ": " + reason, cause);
    }
}
