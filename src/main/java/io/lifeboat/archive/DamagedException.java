package io.lifeboat.archive;

import java.io.IOException;

/** Stored data that is not what it should be: an archive, a file list or a manifest; the message says which and how. */
public class DamagedException extends IOException {

    public DamagedException(String message) {
        super(message);
    }

    public DamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
