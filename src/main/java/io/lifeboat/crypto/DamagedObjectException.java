package io.lifeboat.crypto;

import java.io.IOException;

/** A sealed object that does not open: changed, cut short, moved, or never sealed. */
public final class DamagedObjectException extends IOException {

    public DamagedObjectException(String message) {
        super(message);
    }
}
