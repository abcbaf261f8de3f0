package io.lifeboat.plan;

import io.lifeboat.kernel.Phase;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Marks the run as entering one of its phases, so the routes read as the plan's phases. */
public final class EnterPhase implements Processor {

    private final Phase phase;

    public EnterPhase(Phase phase) {
        this.phase = phase;
    }

    @Override
    public void process(Exchange exchange) {
        PlanRun.of(exchange).progress().enterPhase(phase);
    }
}
