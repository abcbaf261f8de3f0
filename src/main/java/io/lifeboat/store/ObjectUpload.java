package io.lifeboat.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streamed upload of one object. Nothing is visible under the key until {@link #complete()} returns;
 * closing an upload that was not completed aborts it, so a failed write never leaves a half object.
 */
public abstract class ObjectUpload extends OutputStream {

    private boolean completed;
    private boolean closed;

    /** Publishes the object. */
    public final void complete() throws IOException {
        if (completed) {
            return;
        }
        finish();
        completed = true;
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!completed) {
            abort();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    protected abstract void finish() throws IOException;

    /** Discards whatever was sent so far; must not throw for an upload that never started. */
    protected abstract void abort() throws IOException;
}
