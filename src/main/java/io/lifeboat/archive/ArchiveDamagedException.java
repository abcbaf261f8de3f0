package io.lifeboat.archive;

import java.io.IOException;

/** An archive whose bytes are not what its manifest describes: truncated, corrupt, or holding other files. */
public final class ArchiveDamagedException extends IOException {

    public ArchiveDamagedException(String message) {
        super(message);
    }

    public ArchiveDamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
