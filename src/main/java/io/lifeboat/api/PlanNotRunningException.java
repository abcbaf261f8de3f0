package io.lifeboat.api;

import io.lifeboat.kernel.Plan;

/** A stop was asked of a plan that is not running. */
final class PlanNotRunningException extends RuntimeException {

    PlanNotRunningException(Plan plan) {
        super("plan " + plan + " is not running");
    }
}
