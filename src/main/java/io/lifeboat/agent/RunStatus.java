package io.lifeboat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.kernel.RunState;

import java.util.Map;

/**
 * A run as an agent reports it: whether it still goes on (and for how long without a word from its
 * coordinator), whether it was asked to stop, each step asked of it with its outcome, and the node's progress.
 */
record RunStatus(String run, String plan, String snapshot, State state, String reason, boolean stopping, long leaseSeconds,
                 Map<String, Step> steps, NodeProgress progress) {

    /** Going on; ended by its coordinator; or failed on the agent's side (lease expired, agent restarted). */
    enum State { ACTIVE, ENDED, FAILED }

    /** A step asked of the agent: running, or its result (the step's result as JSON) or failure, said in one line. */
    record Step(StepState state, JsonNode result, String error) {
    }

    enum StepState { RUNNING, COMPLETE, FAILED }

    /** The node's work as the agent's progress counts it. */
    record NodeProgress(RunState state, long done, long total) {
    }
}
