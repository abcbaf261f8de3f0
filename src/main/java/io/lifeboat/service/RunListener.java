package io.lifeboat.service;

import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunView;

import java.util.Optional;

/** Told when a run of the service ends, e.g. to update metrics. */
public interface RunListener {

    /** @param result present when the run completed */
    void finished(RunView run, Optional<PlanResult> result);
}
