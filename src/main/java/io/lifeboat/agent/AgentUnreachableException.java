package io.lifeboat.agent;

import java.io.IOException;

/** An agent that did not answer a request: refused, timed out, or not speaking the protocol. */
final class AgentUnreachableException extends IOException {

    AgentUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
