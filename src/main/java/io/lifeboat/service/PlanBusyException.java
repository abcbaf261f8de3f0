package io.lifeboat.service;

/** A plan was asked to start while another runs on the same cluster. */
public final class PlanBusyException extends RuntimeException {

    public PlanBusyException(String message) {
        super(message);
    }
}
