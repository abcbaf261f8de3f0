package io.lifeboat.kernel;

import java.time.Instant;
import java.util.List;

/**
 * A consistent, immutable picture of a run, as the REST API, JMX and the command line show it; {@code notes} are what the
 * run said of itself on the way (a restore's plan, node by node), in order.
 */
public record RunView(String id, String plan, String snapshot, String trigger, RunState state, Instant startedAt, Instant endedAt,
                      String error, List<Phase> phases, List<Step> steps, List<String> notes) {

    /** A run that has said nothing of itself. */
    public RunView(String id, String plan, String snapshot, String trigger, RunState state, Instant startedAt, Instant endedAt,
                   String error, List<Phase> phases, List<Step> steps) {
        this(id, plan, snapshot, trigger, state, startedAt, endedAt, error, phases, steps, List.of());
    }

    /** A named stage of the plan (check, nodes, manifest...). */
    public record Phase(String name, RunState state) {
    }

    /** One node's part of the run. */
    public record Step(int node, RunState state, long bytesDone, long bytesTotal, Instant startedAt, Instant endedAt, String error) {
    }

    public long bytesDone() {
        return steps.stream().mapToLong(Step::bytesDone).sum();
    }

    public long bytesTotal() {
        return steps.stream().mapToLong(Step::bytesTotal).sum();
    }
}
