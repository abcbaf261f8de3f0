package io.lifeboat.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the JVM's AES-GCM (which Tink's streaming AEAD calls once per 1 MiB segment) compiled to its AES/CLMUL
 * intrinsics before the data comes. The JIT compiles a method after some thousands of calls; a backup of a few
 * GiB makes only a few thousand segment calls, so without this most of its data would be sealed by interpreted
 * code at ~85 MB/s instead of 3-4 GB/s (measured: a restore took twice as long). Twenty thousand calls of 1 KiB,
 * encrypting and decrypting, take ~0.2 s of one core, once per process, on a thread of their own (2,000 were too
 * few: the first 100 MiB still went slowly).
 */
final class AesGcmWarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final int CALLS = 20_000;
    private static final int BYTES = 1024;

    private AesGcmWarmUp() {
    }

    static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(AesGcmWarmUp::run, "lifeboat-aes-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void run() {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            // A throwaway all-zero key and counter nonces: nothing here protects anything.
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            byte[] plain = new byte[BYTES];
            byte[] sealed = new byte[BYTES + 16];
            byte[] nonce = new byte[12];
            for (int i = 0; i < CALLS; i++) {
                nonce[0] = (byte) i;
                nonce[1] = (byte) (i >> 8);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                int length = cipher.doFinal(plain, 0, BYTES, sealed, 0);
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.doFinal(sealed, 0, length, plain, 0);
            }
        } catch (GeneralSecurityException e) {
            // Only speed is lost: Tink reports any real trouble with the cipher itself.
        }
    }
}
