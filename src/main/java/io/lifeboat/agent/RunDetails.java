package io.lifeboat.agent;

import java.util.Map;

/**
 * What a coordinator tells an agent about a run when it opens it: the plan and the parameters that make the
 * same request again on the agent's side, store credentials included. Travels in a request body only; its
 * string form names no parameter value.
 */
record RunDetails(String plan, Map<String, String> parameters) {

    RunDetails {
        parameters = Map.copyOf(parameters);
    }

    /** The same run: a second opening of it (a duplicate start, or a coordinator that took the run over) is harmless. */
    boolean sameRunAs(RunDetails other) {
        return plan.equals(other.plan) && parameters.get("SNAPSHOT_NAME").equals(other.parameters.get("SNAPSHOT_NAME"));
    }

    @Override
    public String toString() {
        return plan + " with parameters " + parameters.keySet();
    }
}
