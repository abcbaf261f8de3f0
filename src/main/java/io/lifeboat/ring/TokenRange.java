package io.lifeboat.ring;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Tokens from {@code start} (excluded) to {@code end} (included), as Cassandra's {@code Range}: it wraps past the
 * top of the ring when start >= end, and {@code (t, t]} is the whole ring.
 */
public record TokenRange(BigInteger start, BigInteger end) {

    public TokenRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public static TokenRange of(long start, long end) {
        return new TokenRange(BigInteger.valueOf(start), BigInteger.valueOf(end));
    }

    /** As {@code Range.isWrapAround}: true also for a range ending at the minimum token, and for the whole ring. */
    public boolean wraps() {
        return start.compareTo(end) >= 0;
    }

    public boolean isWholeRing() {
        return start.equals(end);
    }

    /** As {@code Range.contains(left, right, point)}. */
    public boolean contains(BigInteger token) {
        if (wraps()) {
            return token.compareTo(start) > 0 || end.compareTo(token) >= 0;
        }
        return token.compareTo(start) > 0 && end.compareTo(token) >= 0;
    }

    /** As {@code Range.unwrap}: a wrapping range as the part up to the minimum token and the part after it. */
    List<TokenRange> unwrap(BigInteger minimum) {
        if (!wraps() || end.equals(minimum)) {
            return List.of(this);
        }
        return List.of(new TokenRange(start, minimum), new TokenRange(minimum, end));
    }

    @Override
    public String toString() {
        return "(" + start + "," + end + "]";
    }
}
