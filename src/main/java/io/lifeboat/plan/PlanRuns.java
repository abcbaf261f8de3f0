package io.lifeboat.plan;

import io.lifeboat.kernel.RunProgress;

/** Opens a run: the store and the cluster a request names, with the progress it reports to. */
@FunctionalInterface
public interface PlanRuns {

    PlanRun open(PlanRequest request, RunProgress progress);
}
