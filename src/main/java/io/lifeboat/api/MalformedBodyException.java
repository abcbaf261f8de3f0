package io.lifeboat.api;

/** The body of a start is not a JSON object of string parameters. */
final class MalformedBodyException extends RuntimeException {

    static final String MESSAGE = "the body must be a JSON object of string parameters sent as Content-Type: application/json,"
            + " e.g. {\"SNAPSHOT_NAME\": \"nightly-1\"}";

    MalformedBodyException() {
        super(MESSAGE);
    }
}
