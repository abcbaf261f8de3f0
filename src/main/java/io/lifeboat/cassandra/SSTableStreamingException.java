package io.lifeboat.cassandra;

import java.io.IOException;
import java.util.Optional;

/** SSTable streaming failed: one line saying why, and the target host it failed with, when one did. */
public final class SSTableStreamingException extends IOException {

    private final String host;

    SSTableStreamingException(String message, Optional<String> host) {
        super(message);
        this.host = host.orElse(null);
    }

    public Optional<String> host() {
        return Optional.ofNullable(host);
    }
}
