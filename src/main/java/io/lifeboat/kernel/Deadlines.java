package io.lifeboat.kernel;

import java.time.Duration;

/**
 * How long a store may take, per kind of call, so that no call waits forever on a store that stopped
 * answering. The stall timeout ({@code lifeboat.stall-timeout}) bounds whatever should be quick; completing a
 * big upload, which S3 documents can take minutes, gets its own long deadline.
 */
public record Deadlines(Duration stall) {

    /** Establishing a connection. */
    public static final Duration CONNECT = Duration.ofSeconds(10);
    /** One attempt to complete a multipart upload (the SDK retries it; a completed upload is recognised). */
    public static final Duration COMPLETE = Duration.ofMinutes(15);
    /** A backstop for one part or block on the wire; the stall detector fails a transfer long before. */
    public static final Duration TRANSFER_ATTEMPT = Duration.ofMinutes(15);
    /** Giving up an upload that failed: best effort, the next backup under the name cleans what is left. */
    public static final Duration ABORT = Duration.ofSeconds(10);
    private static final Duration MAX_ATTEMPT = Duration.ofSeconds(30);
    // Socket reads wait a little longer than the stall detector, which thus speaks first, in words.
    private static final Duration SOCKET_MARGIN = Duration.ofSeconds(15);

    public static final Deadlines DEFAULT = new Deadlines(Duration.ofSeconds(120));

    public Deadlines {
        if (stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive");
        }
    }

    /** A quick call (HEAD, list page, delete, small object), all its retries included. */
    public Duration call() {
        return stall;
    }

    /** One attempt of a quick call. */
    public Duration attempt() {
        return stall.compareTo(MAX_ATTEMPT) < 0 ? stall : MAX_ATTEMPT;
    }

    /** How long one read or write on a connection may wait for the store. */
    public Duration socket() {
        return stall.plus(SOCKET_MARGIN);
    }
}
