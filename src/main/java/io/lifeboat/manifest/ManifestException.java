package io.lifeboat.manifest;

import io.lifeboat.archive.DamagedException;

/** A manifest or file list that is missing, malformed or does not match what it describes; the message says which and why. */
public final class ManifestException extends DamagedException {

    public ManifestException(String message) {
        super(message);
    }
}
