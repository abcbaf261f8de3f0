package io.lifeboat.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Tells every byte read through it, so a transfer's progress is seen as the store takes or gives bytes; mark and reset pass through for retries. */
final class ProgressInputStream extends FilterInputStream {

    private final LongConsumer moved;

    ProgressInputStream(InputStream in, LongConsumer moved) {
        super(in);
        this.moved = moved;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            moved.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int read = in.read(bytes, offset, length);
        moved.accept(Math.max(read, 0));
        return read;
    }
}
