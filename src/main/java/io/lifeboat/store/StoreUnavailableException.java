package io.lifeboat.store;

/**
 * A store that cannot be reached or stopped answering (connection refused or reset, no progress, no answer in
 * time), as opposed to one that answered with a refusal: nothing more can be asked of it in this run.
 */
public final class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
