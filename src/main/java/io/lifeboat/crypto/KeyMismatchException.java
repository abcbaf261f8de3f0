package io.lifeboat.crypto;

import java.io.IOException;

/** A key file whose key does not open a snapshot: the wrong file, or a snapshot rotated to another key. */
public final class KeyMismatchException extends IOException {

    public KeyMismatchException(String message) {
        super(message);
    }
}
