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

    /** A failure of the store's connection (refused, reset, timed out) is the store being unavailable; any other, a failure of the call. */
    public static StoreException of(String message, Throwable cause) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (at instanceof java.net.SocketException || at instanceof java.net.SocketTimeoutException
                    || at instanceof java.util.concurrent.TimeoutException || at instanceof java.net.UnknownHostException
                    || at.getClass().getSimpleName().endsWith("TimeoutException")) {
                return new StoreUnavailableException(message, cause);
            }
        }
        return new StoreException(message, cause);
    }
}
