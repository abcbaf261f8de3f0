package io.lifeboat.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One snapshot's data key: Tink's streaming AEAD (AES-256-GCM-HKDF, 1 MiB segments), under a random id that every
 * object it seals starts with. Kept in the store only wrapped by a key file's key.
 */
public final class DataKey {

    static {
        TinkPrimitives.register();
    }

    static final int ID_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final KeysetHandle keyset;
    private final StreamingAead aead;

    private DataKey(String id, KeysetHandle keyset) throws GeneralSecurityException {
        this.id = id;
        this.keyset = keyset;
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    }

    public static DataKey generate() {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        try {
            return new DataKey(HexFormat.of().formatHex(id), KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a data key: " + e.getMessage(), e);
        }
    }

    /** The key, wrapped by {@code kek} (Tink's AEAD), bound to its id: a wrapped key moved under another id does not open. */
    public byte[] wrappedBy(KeyEncryptionKey kek) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek.aead(), associatedData(id));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap data key " + id + ": " + e.getMessage(), e);
        }
    }

    /** The data key {@code wrapped} holds; fails when {@code kek} is not the key that wrapped it. */
    public static DataKey unwrap(String id, byte[] wrapped, KeyEncryptionKey kek) throws GeneralSecurityException {
        return new DataKey(id, TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, kek.aead(), associatedData(id)));
    }

    public String id() {
        return id;
    }

    /** Seals what is written to the returned stream into {@code sealed}, for the object {@code objectKey} alone. */
    public OutputStream seal(OutputStream sealed, String objectKey) throws IOException {
        SealedObjects.writeHeader(sealed, id);
        try {
            return aead.newEncryptingStream(sealed, objectKey.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot seal " + objectKey + ": " + e.getMessage(), e);
        }
    }

    /** Opens the sealed stream of {@code objectKey} whose header has been read; reading fails where it was changed. */
    InputStream open(InputStream sealedAfterHeader, String objectKey) throws IOException {
        try {
            return aead.newDecryptingStream(sealedAfterHeader, objectKey.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open " + objectKey + ": " + e.getMessage(), e);
        }
    }

    private static byte[] associatedData(String id) {
        return ("lifeboat data key " + id).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "data key " + id;
    }
}
