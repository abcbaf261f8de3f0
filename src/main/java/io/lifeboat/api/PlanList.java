package io.lifeboat.api;

import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;

import java.util.List;

/** The answer of GET /v1/plans: every plan with the state of its current or last run. */
record PlanList(List<Entry> plans) {

    /** One plan; {@code lastRun} is null when it has not run since the service started. */
    record Entry(String plan, RunState state, RunView lastRun) {
    }
}
