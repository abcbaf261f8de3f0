package io.lifeboat.store;

import java.io.IOException;

/** A store that could not do what was asked; the message names the store, never its credentials. */
public class StoreException extends IOException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
