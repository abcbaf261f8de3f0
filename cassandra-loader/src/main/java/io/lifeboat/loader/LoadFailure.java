package io.lifeboat.loader;

import java.util.Optional;

/** Why the load stopped, in one line an operator reads, and the host it happened with, if one did. */
final class LoadFailure extends RuntimeException {

    private final String host;

    LoadFailure(String message) {
        this(message, null);
    }

    LoadFailure(String message, String host) {
        super(oneLine(message));
        this.host = host;
    }

    Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The deepest cause's words: libraries wrap the reason ("Connection refused") in layers of their own. */
    static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        return oneLine(message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message);
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
