package io.lifeboat.kernel;

import java.time.Instant;
import java.util.List;

/** A consistent, immutable picture of a run, as the REST API, JMX and the command line show it. */
public record RunView(String id, String plan, String snapshot, String trigger, RunState state, Instant startedAt, Instant endedAt,
                      String error, List<Phase> phases, List<Step> steps) {

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
