package io.lifeboat.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.PlanParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Set;

/**
 * The key of a key file: a Tink AES-256-GCM keyset that only wraps the data keys of snapshots, never data. Its id
 * (the keyset's primary key id) is what a snapshot names, so that the right key file can be found; the key itself
 * never leaves this object (its string form is the id).
 */
public final class KeyEncryptionKey {

    static {
        TinkPrimitives.register();
    }

    /** The plan parameter (and environment variable) that names the key file. */
    public static final String PARAMETER = "ENCRYPTION_KEY_FILE";

    private static final Logger LOG = LoggerFactory.getLogger(KeyEncryptionKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String id;
    private final Aead aead;

    private KeyEncryptionKey(KeysetHandle keyset) throws GeneralSecurityException {
        this.id = idOf(keyset);
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        // A key means data will be sealed or opened soon.
        AesGcmWarmUp.start();
    }

    /** Writes a new key into {@code file}, readable by its owner alone; refuses to replace a file. */
    public static KeyEncryptionKey generate(Path file) throws IOException {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                throw new ParameterException("FILE", file + " already exists: a key file is never overwritten (the backups it opens would be lost)");
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
            return new KeyEncryptionKey(keyset);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate a key: " + e.getMessage(), e);
        }
    }

    /**
     * The key of a key file written by {@link #generate}; {@code parameter} names where the file was given, for the
     * one line that says what is wrong with it.
     */
    public static KeyEncryptionKey load(Path file, String parameter) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ParameterException(parameter, parameter + ": key file " + file + " does not exist");
        } catch (IOException e) {
            throw new ParameterException(parameter, parameter + ": cannot read key file " + file + ": " + e.getMessage());
        }
        try {
            return new KeyEncryptionKey(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Tink's messages may quote the file; say only what it is not.
            throw new ParameterException(parameter, parameter + ": " + file + " is not a key file (write one with: lifeboat keys generate FILE)");
        }
    }

    /**
     * The key of the file given as {@code ENCRYPTION_KEY_FILE}, else of {@code lifeboat.encryption.key-file}; none when
     * neither is set (nothing is encrypted, and encrypted snapshots ask for it).
     */
    public static Optional<KeyEncryptionKey> configured(Optional<Path> parameter, Optional<Path> setting) {
        Optional<KeyEncryptionKey> key = parameter.map(file -> load(file, PARAMETER))
                .or(() -> setting.map(file -> load(file, "lifeboat.encryption.key-file")));
        parameter.or(() -> setting).filter(KeyEncryptionKey::readableByOthers).ifPresent(file ->
                LOG.warn("key file {} can be read by others than its owner: chmod 600 it", file));
        return key;
    }

    /** The key of the file {@code parameters} name as {@code ENCRYPTION_KEY_FILE}, else of the setting's. */
    public static Optional<KeyEncryptionKey> configured(PlanParameters parameters, Optional<Path> setting) {
        return configured(parameters.optional(PARAMETER).map(Path::of), setting);
    }

    /** Whether anyone but the file's owner may read it. */
    public static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.stream().anyMatch(permission -> !OWNER_ONLY.contains(permission) && permission != PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The key's id, as snapshots name it: eight hex digits. */
    public String id() {
        return id;
    }

    Aead aead() {
        return aead;
    }

    static String idOf(KeysetHandle keyset) {
        return String.format("%08x", keyset.getPrimary().getId());
    }

    @Override
    public String toString() {
        return "key " + id;
    }
}
