package io.lifeboat.kernel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live record of one run: its state, phases and one step per node with bytes done and total.
 * Written by the routes' threads, read at any time through {@link #view()}; also carries the stop request.
 */
public final class RunProgress {

    private final String id;
    private final Plan plan;
    private final String snapshot;
    private final String trigger;
    private final List<Phase> phaseOrder;
    private final Map<Phase, RunState> phases = new ConcurrentHashMap<>();
    private final Map<Integer, NodeStep> steps = new ConcurrentSkipListMap<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private volatile RunState state = RunState.PENDING;
    private volatile Instant startedAt;
    private volatile Instant endedAt;
    private volatile String error;
    private volatile boolean stopRequested;

    public RunProgress(Plan plan, String snapshot, String trigger) {
        this(UUID.randomUUID().toString(), plan, snapshot, trigger);
    }

    /**
     * @param id the run's id; a scheduled run's comes from its schedule and fire time, so that a coordinator that
     *           takes the fire over from one that died carries on the same run on the agents
     */
    public RunProgress(String id, Plan plan, String snapshot, String trigger) {
        this.id = id;
        this.plan = plan;
        this.snapshot = snapshot;
        this.trigger = trigger;
        this.phaseOrder = plan.operation().phases();
        phaseOrder.forEach(phase -> phases.put(phase, RunState.PENDING));
    }

    public String id() {
        return id;
    }

    public Plan plan() {
        return plan;
    }

    public RunState state() {
        return state;
    }

    public void started() {
        startedAt = Instant.now();
        state = RunState.IN_PROGRESS;
    }

    /** Enters a phase; the phases before it are complete. */
    public void enterPhase(Phase entered) {
        if (!phaseOrder.contains(entered)) {
            throw new IllegalArgumentException("plan " + plan + " has no phase " + entered.label());
        }
        for (Phase phase : phaseOrder.subList(0, phaseOrder.indexOf(entered))) {
            phases.put(phase, RunState.COMPLETE);
        }
        phases.put(entered, RunState.IN_PROGRESS);
    }

    /** Says something of the run for whoever follows it (the command line prints it on a line of its own). */
    public void note(String line) {
        notes.add(line);
    }

    public NodeStep node(int index) {
        return steps.computeIfAbsent(index, NodeStep::new);
    }

    public void completed() {
        phaseOrder.forEach(phase -> phases.put(phase, RunState.COMPLETE));
        finish(RunState.COMPLETE, null);
    }

    /** Ends the run as failed, or as interrupted when a stop was asked for. */
    public void failed(String reason) {
        RunState end = stopRequested ? RunState.INTERRUPTED : RunState.ERROR;
        phases.replaceAll((phase, phaseState) -> phaseState == RunState.IN_PROGRESS ? end : phaseState);
        finish(end, reason);
    }

    private void finish(RunState end, String reason) {
        error = reason;
        endedAt = Instant.now();
        state = end;
    }

    /** Asks the run to stop: nodes not started skip, running ones abort at their next buffer. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public void throwIfStopRequested() {
        if (stopRequested) {
            throw new PlanInterruptedException();
        }
    }

    public RunView view() {
        List<RunView.Phase> phaseViews = new ArrayList<>();
        phaseOrder.forEach(phase -> phaseViews.add(new RunView.Phase(phase.label(), phases.get(phase))));
        List<RunView.Step> stepViews = steps.values().stream().map(NodeStep::view).toList();
        return new RunView(id, plan.id(), snapshot, trigger, state, startedAt, endedAt, error, phaseViews, stepViews, List.copyOf(notes));
    }

    /** One node's step of the run. */
    public final class NodeStep {
        private final int index;
        private final AtomicLong bytesDone = new AtomicLong();
        private volatile long bytesTotal;
        private volatile RunState stepState = RunState.PENDING;
        private volatile Instant stepStartedAt;
        private volatile Instant stepEndedAt;
        private volatile String stepError;

        private NodeStep(int index) {
            this.index = index;
        }

        /** The bytes the node is expected to hold, known before it starts, so the total and ETA are whole early on. */
        public void expect(long total) {
            bytesTotal = total;
        }

        public void start(long total) {
            bytesTotal = total;
            stepStartedAt = Instant.now();
            stepState = RunState.IN_PROGRESS;
        }

        /** Counts bytes done; the check for a stop request rides on it, so a stop is seen within one buffer. */
        public void add(long bytes) {
            throwIfStopRequested();
            bytesDone.addAndGet(bytes);
        }

        /** What the node's agent reports of the node's work, for a node whose work runs on its own host. */
        public void reported(RunState state, long done, long total) {
            bytesTotal = total;
            bytesDone.set(done);
            if (state == RunState.IN_PROGRESS && stepState == RunState.PENDING) {
                stepStartedAt = Instant.now();
                stepState = state;
            } else if (state == RunState.COMPLETE && stepState != RunState.COMPLETE) {
                stepStartedAt = stepStartedAt == null ? Instant.now() : stepStartedAt;
                complete();
            }
        }

        public void complete() {
            stepEndedAt = Instant.now();
            stepState = RunState.COMPLETE;
        }

        public void fail(String reason) {
            stepError = reason;
            stepEndedAt = Instant.now();
            stepState = stopRequested ? RunState.INTERRUPTED : RunState.ERROR;
        }

        RunView.Step view() {
            return new RunView.Step(index, stepState, bytesDone.get(), bytesTotal, stepStartedAt, stepEndedAt, stepError);
        }
    }
}
