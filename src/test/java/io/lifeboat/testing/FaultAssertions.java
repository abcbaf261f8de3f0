package io.lifeboat.testing;

import org.junit.jupiter.api.function.Executable;

import java.net.ConnectException;
import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Assertions on why a request failed, found beneath the client library's own exceptions. */
public final class FaultAssertions {

    private FaultAssertions() {
    }

    /** Asserts that {@code request} fails because its connection was refused: nothing listens there. */
    public static void assertRefused(Executable request) {
        assertCause(assertThrows(Throwable.class, request), ConnectException.class, "Connection refused");
    }

    /** Asserts that {@code failure} came from a TCP reset of an open connection. */
    public static void assertReset(Throwable failure) {
        assertCause(failure, SocketException.class, "Connection reset");
    }

    private static void assertCause(Throwable failure, Class<? extends Throwable> type, String message) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause) && String.valueOf(cause.getMessage()).contains(message)) {
                return;
            }
        }
        throw new AssertionError("Expected a " + type.getSimpleName() + " \"" + message + "\" among the causes of "
                + failure, failure);
    }
}
