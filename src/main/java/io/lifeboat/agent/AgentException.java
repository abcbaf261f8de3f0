package io.lifeboat.agent;

/** A request an agent refuses, with the HTTP status that says why: 400 malformed, 404 unknown run, 409 not now. */
final class AgentException extends RuntimeException {

    private final int status;

    AgentException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
