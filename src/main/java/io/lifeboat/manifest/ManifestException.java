package io.lifeboat.manifest;

import java.io.IOException;

/** A manifest or file list that is missing, malformed or does not match what it describes; the message says which and why. */
public final class ManifestException extends IOException {

    public ManifestException(String message) {
        super(message);
    }
}
