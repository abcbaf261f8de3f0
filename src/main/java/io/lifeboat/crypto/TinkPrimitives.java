package io.lifeboat.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

import java.security.GeneralSecurityException;

/** Tink's AEAD and streaming AEAD, registered once before any key is made or read. */
final class TinkPrimitives {

    private TinkPrimitives() {
    }

    static synchronized void register() {
        try {
            AeadConfig.register();
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot register its AEAD primitives: " + e.getMessage(), e);
        }
    }
}
