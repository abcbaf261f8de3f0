package io.lifeboat.archive;


/** An archive whose bytes are not what its manifest describes: truncated, corrupt, or holding other files. */
public final class ArchiveDamagedException extends DamagedException {

    public ArchiveDamagedException(String message) {
        super(message);
    }

    public ArchiveDamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
