package io.lifeboat.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealedObjectsTest {

    private static final int SEGMENT = 1024 * 1024;
    private final DataKey key = DataKey.generate();
    private final DataKeys keys = id -> {
        assertEquals(key.id(), id);
        return key;
    };

    @Test
    void sealsAndOpensEveryLengthAroundTheSegmentsWithTheSizeSaidBeforehand() throws IOException {
        for (int length : new int[] {0, 1, 255, SEGMENT - 57, SEGMENT - 56, SEGMENT - 55, 2 * SEGMENT - 72, 2 * SEGMENT - 71, 2 * SEGMENT, 3 * SEGMENT + 7}) {
            byte[] plain = bytes(length);
            byte[] sealed = seal(plain, "s/node-0.tar.gz");
            assertEquals(sealed.length, SealedObjects.sealedSize(length), "sealed size of " + length);
            assertEquals(length, SealedObjects.plainSize(sealed.length), "plain size of " + length);
            assertArrayEquals(plain, open(sealed, "s/node-0.tar.gz"), "round trip of " + length);
        }
        assertEquals(-1, SealedObjects.plainSize(10));
    }

    @Test
    void aFlippedByteACutAMoveOrPlainBytesDoNotOpen() throws IOException {
        byte[] plain = bytes(SEGMENT + 1000);
        byte[] sealed = seal(plain, "s/node-0.tar.gz");
        for (int at : new int[] {30, SEGMENT / 2, sealed.length - 1}) {
            byte[] flipped = sealed.clone();
            flipped[at] ^= 1;
            assertThrows(DamagedObjectException.class, () -> open(flipped, "s/node-0.tar.gz"), "flipped at " + at);
        }
        assertThrows(DamagedObjectException.class, () -> open(Arrays.copyOf(sealed, sealed.length - 100), "s/node-0.tar.gz"));
        assertThrows(DamagedObjectException.class, () -> open(Arrays.copyOf(sealed, SEGMENT + 20), "s/node-0.tar.gz"));
        assertThrows(DamagedObjectException.class, () -> open(sealed, "s/node-1.tar.gz"));
        assertThrows(DamagedObjectException.class, () -> open(plain, "s/node-0.tar.gz"));
    }

    @Test
    void aDataKeyOpensOnlyUnderItsKeyEncryptionKey(@TempDir Path dir) throws Exception {
        KeyEncryptionKey kek = KeyEncryptionKey.generate(dir.resolve("a.key"));
        KeyEncryptionKey other = KeyEncryptionKey.generate(dir.resolve("b.key"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.key"))));
        assertFalse(KeyEncryptionKey.readableByOthers(dir.resolve("a.key")));
        assertNotEquals(kek.id(), other.id());
        assertEquals(kek.id(), KeyEncryptionKey.load(dir.resolve("a.key"), "ENCRYPTION_KEY_FILE").id());

        byte[] wrapped = key.wrappedBy(kek);
        DataKey unwrapped = DataKey.unwrap(key.id(), wrapped, kek);
        byte[] plain = bytes(5000);
        assertArrayEquals(plain, open(seal(plain, "k"), "k", id -> unwrapped));
        assertThrows(GeneralSecurityException.class, () -> DataKey.unwrap(key.id(), wrapped, other));
        assertThrows(GeneralSecurityException.class, () -> DataKey.unwrap("00" + key.id().substring(2), wrapped, kek));
        assertTrue(new String(Files.readAllBytes(dir.resolve("a.key"))).contains("AesGcmKey"));
    }

    private byte[] seal(byte[] plain, String objectKey) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = key.seal(sealed, objectKey)) {
            out.write(plain);
        }
        return sealed.toByteArray();
    }

    private byte[] open(byte[] sealed, String objectKey) throws IOException {
        return open(sealed, objectKey, keys);
    }

    private static byte[] open(byte[] sealed, String objectKey, DataKeys keys) throws IOException {
        try (InputStream in = SealedObjects.open(new ByteArrayInputStream(sealed), objectKey, keys)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
