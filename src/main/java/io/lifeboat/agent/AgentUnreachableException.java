package io.lifeboat.agent;

import java.io.IOException;

/** An agent that did not answer a request: refused, timed out, or not speaking the protocol. */
final class AgentUnreachableException extends IOException {

    private final String reason;

    /** @param reason why, in a few words ("connection refused") */
    AgentUnreachableException(String message, String reason, Throwable cause) {
        super(message + ": " + reason, cause);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
