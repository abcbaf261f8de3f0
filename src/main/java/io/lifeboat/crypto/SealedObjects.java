package io.lifeboat.crypto;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The format of a sealed object: {@code LBS1}, the 16-byte id of the data key that sealed it, then Tink's
 * streaming AEAD ciphertext (a 40-byte header, then 1 MiB segments each ending in a 16-byte tag) with the object's
 * key as associated data: an object moved to another key, cut short, or changed by one byte does not open.
 */
public final class SealedObjects {

    private static final byte[] MAGIC = "LBS1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = MAGIC.length + DataKey.ID_BYTES;
    private static final long TINK_HEADER = 40;
    private static final long TAG = 16;
    private static final long SEGMENT = 1024 * 1024;

    private SealedObjects() {
    }

    static void writeHeader(OutputStream out, String dataKeyId) throws IOException {
        out.write(MAGIC);
        out.write(HexFormat.of().parseHex(dataKeyId));
    }

    /**
     * Opens a sealed object with the data key its header names ({@code keys} finds it, or fails saying why).
     *
     * @throws DamagedObjectException when the object is not sealed at all
     */
    public static InputStream open(InputStream sealed, String objectKey, DataKeys keys) throws IOException {
        byte[] header = sealed.readNBytes(HEADER);
        if (header.length < HEADER || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new DamagedObjectException(objectKey + " is not sealed: it was changed in the store, or written without encryption");
        }
        String dataKeyId = HexFormat.of().formatHex(header, MAGIC.length, HEADER);
        WatchedInputStream store = new WatchedInputStream(sealed);
        return new AuthenticatedInputStream(keys.find(dataKeyId).open(store, objectKey), store, objectKey);
    }

    /** The size of {@code plainBytes} once sealed. */
    public static long sealedSize(long plainBytes) {
        long firstSegment = SEGMENT - TINK_HEADER - TAG;
        long segments = plainBytes <= firstSegment ? 1 : 1 + ceilDiv(plainBytes - firstSegment, SEGMENT - TAG);
        return HEADER + TINK_HEADER + plainBytes + segments * TAG;
    }

    /** The plain size of a sealed object of {@code sealedBytes} (what {@link #sealedSize} undoes); -1 if no sealed object has that size. */
    public static long plainSize(long sealedBytes) {
        long tinkBytes = sealedBytes - HEADER;
        if (tinkBytes < TINK_HEADER + TAG) {
            return -1;
        }
        long segments = ceilDiv(tinkBytes, SEGMENT);
        long plain = tinkBytes - TINK_HEADER - segments * TAG;
        return plain >= 0 && sealedSize(plain) == sealedBytes ? plain : -1;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** The store's stream, remembering its own failure: Tink reports it, like a changed segment, in words of its own. */
    private static final class WatchedInputStream extends FilterInputStream {

        private volatile IOException failure;

        WatchedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return super.read(bytes, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** Says which object did not authenticate, or passes the store's own failure on as it was. */
    private static final class AuthenticatedInputStream extends FilterInputStream {

        private final WatchedInputStream store;
        private final String objectKey;

        AuthenticatedInputStream(InputStream in, WatchedInputStream store, String objectKey) {
            super(in);
            this.store = store;
            this.objectKey = objectKey;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw explained(e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return super.read(bytes, offset, length);
            } catch (IOException e) {
                throw explained(e);
            }
        }

        private IOException explained(IOException e) {
            if (store.failure != null) {
                return store.failure;
            }
            return new DamagedObjectException(objectKey + " is damaged: it does not authenticate (changed or cut short in the store,"
                    + " or moved from another key)");
        }
    }
}
