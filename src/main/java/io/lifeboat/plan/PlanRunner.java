package io.lifeboat.plan;

import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunProgress;

/** Runs plans to their end: what the command line, the service and the demo ask of Lifeboat's routes. */
public interface PlanRunner {

    /**
     * Runs a plan, recording its progress (and taking stop requests) through {@code progress}.
     *
     * @throws PlanFailedException naming the node and the reason when it fails
     */
    PlanResult execute(PlanRequest request, RunProgress progress);
}
