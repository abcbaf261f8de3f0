package io.lifeboat.store;

import io.lifeboat.kernel.Failures;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a download ahead of its consumer on another thread, so the network and decompression overlap.
 * At most {@code depth} chunks wait in memory. A stalled store fails the consumer at once, and whatever
 * the reading thread meets ends as the consumer's failure, never as a stack trace of its own.
 */
final class ReadAheadInputStream extends InputStream {

    private static final byte[] END = new byte[0];
    private static final long POLL_MILLIS = 100;

    private final InputStream source;
    private final int chunkSize;
    private final BlockingQueue<byte[]> ready;
    private final StallWatch.Watched watch;
    private final Runnable abort;
    private final Executor executor;
    private volatile IOException failure;
    private volatile boolean closed;
    private byte[] current;
    private int position;

    /**
     * @param watching starts watching this download, given what to do when it stalls
     * @param abort    closes the source's connection at once
     */
    ReadAheadInputStream(InputStream source, int chunkSize, int depth, Executor executor,
                         Function<Consumer<StoreUnavailableException>, StallWatch.Watched> watching, Runnable abort) {
        this.source = source;
        this.chunkSize = chunkSize;
        this.ready = new ArrayBlockingQueue<>(depth);
        this.abort = abort;
        this.executor = executor;
        this.watch = watching.apply(this::stalled);
        executor.execute(this::fill);
    }

    private void fill() {
        try {
            while (!closed && failure == null) {
                watch.requestStarted();
                byte[] chunk;
                try {
                    chunk = source.readNBytes(chunkSize);
                } finally {
                    watch.requestEnded();
                }
                watch.moved(chunk.length);
                if (chunk.length == 0) {
                    break;
                }
                put(chunk);
            }
        } catch (IOException e) {
            fail(e);
        } catch (UncheckedIOException e) {
            fail(e.getCause());
        } catch (RuntimeException e) {
            // An SDK's unchecked failure: reported through the consumer like any other.
            fail(new StoreException(Failures.reason(e), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new InterruptedIOException("download interrupted"));
        } finally {
            watch.close();
            endQueue();
        }
    }

    /** Queues the end behind the chunks still waiting; a failure needs no queue, the consumer sees it at once. */
    private void endQueue() {
        try {
            while (!closed && failure == null && !ready.offer(END, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                // The consumer is behind: it will get here.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new InterruptedIOException("download interrupted"));
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    private void stalled(StoreUnavailableException stall) {
        fail(stall);
        dropConnection();
    }

    /** On another thread: closing a connection stuck on a silent store may itself block (Azure's stream waits for its read). */
    private void dropConnection() {
        executor.execute(abort);
    }

    private void put(byte[] chunk) throws InterruptedException {
        while (!closed && failure == null && !ready.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            // The consumer is behind: wait, unless it closed the stream or the download failed.
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || (position == current.length && current != END)) {
            current = next();
            position = 0;
        }
        if (current == END) {
            if (failure != null) {
                throw failure;
            }
            return -1;
        }
        int copied = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, copied);
        position += copied;
        return copied;
    }

    /** The next chunk, or END as soon as the download failed (a stall does not wait for the reading thread). */
    private byte[] next() throws IOException {
        try {
            while (true) {
                byte[] chunk = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (failure != null) {
                    return END;
                }
                if (chunk != null) {
                    return chunk;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watch.close();
        ready.clear();
        if (failure != null) {
            // The connection may still hang on a stalled store: drop it rather than drain it.
            dropConnection();
            return;
        }
        source.close();
    }
}
