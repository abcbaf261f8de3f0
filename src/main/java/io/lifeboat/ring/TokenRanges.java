package io.lifeboat.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A set of token ranges in Cassandra's normalized form (unwrapped, sorted by start, overlapping and touching ranges
 * merged, as {@code Range.normalize}), so two sets covering the same tokens are equal.
 */
public final class TokenRanges {

    private final Partitioner partitioner;
    private final List<TokenRange> ranges;

    private TokenRanges(Partitioner partitioner, List<TokenRange> ranges) {
        this.partitioner = partitioner;
        this.ranges = List.copyOf(ranges);
    }

    public static TokenRanges of(Partitioner partitioner, Collection<TokenRange> ranges) {
        return new TokenRanges(partitioner, normalize(partitioner.minimum(), ranges));
    }

    public static TokenRanges none(Partitioner partitioner) {
        return new TokenRanges(partitioner, List.of());
    }

    public static TokenRanges wholeRing(Partitioner partitioner) {
        return new TokenRanges(partitioner, List.of(new TokenRange(partitioner.minimum(), partitioner.minimum())));
    }

    public Partitioner partitioner() {
        return partitioner;
    }

    /** The normalized ranges: none wraps, except that the last may end at the minimum token (the end of the ring). */
    public List<TokenRange> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean coversWholeRing() {
        return ranges.size() == 1 && ranges.get(0).isWholeRing();
    }

    public boolean contains(BigInteger token) {
        return ranges.stream().anyMatch(range -> range.contains(token));
    }

    public TokenRanges union(TokenRanges other) {
        List<TokenRange> both = new ArrayList<>(ranges);
        both.addAll(samePartitioner(other).ranges);
        return of(partitioner, both);
    }

    /** The tokens both sets hold. */
    public TokenRanges intersection(TokenRanges other) {
        List<TokenRange> theirRanges = samePartitioner(other).ranges;
        List<TokenRange> common = new ArrayList<>();
        for (TokenRange mine : ranges) {
            for (TokenRange theirs : theirRanges) {
                BigInteger start = mine.start().max(theirs.start());
                BigInteger endRank = endRank(mine).min(endRank(theirs));
                if (start.compareTo(endRank) < 0) {
                    common.add(new TokenRange(start, endRank.compareTo(partitioner.maximum()) > 0 ? partitioner.minimum() : endRank));
                }
            }
        }
        return of(partitioner, common);
    }

    /** A normalized range's end, with the minimum (the end of the ring) counted above every token. */
    private BigInteger endRank(TokenRange normalized) {
        return normalized.end().equals(partitioner.minimum()) ? partitioner.maximum().add(BigInteger.ONE) : normalized.end();
    }

    private TokenRanges samePartitioner(TokenRanges other) {
        if (other.partitioner != partitioner) {
            throw new IllegalArgumentException("cannot combine " + partitioner.simpleName() + " ranges with "
                    + other.partitioner.simpleName() + " ranges");
        }
        return other;
    }

    /** Range.normalize: unwrap every range, sort by start, merge. */
    private static List<TokenRange> normalize(BigInteger minimum, Collection<TokenRange> ranges) {
        List<TokenRange> unwrapped = new ArrayList<>(ranges.size());
        ranges.forEach(range -> unwrapped.addAll(range.unwrap(minimum)));
        unwrapped.sort(Comparator.comparing(TokenRange::start));
        return deoverlap(minimum, unwrapped);
    }

    /** Range.deoverlap, step for step: the ranges are unwrapped and sorted by start. */
    private static List<TokenRange> deoverlap(BigInteger minimum, List<TokenRange> sorted) {
        if (sorted.isEmpty()) {
            return sorted;
        }
        List<TokenRange> output = new ArrayList<>();
        Iterator<TokenRange> iterator = sorted.iterator();
        TokenRange current = iterator.next();
        while (iterator.hasNext()) {
            if (current.end().equals(minimum)) {
                // current runs to the end of the ring, so it holds every range that starts after it
                if (current.start().equals(minimum)) {
                    return List.of(current);
                }
                output.add(current);
                return output;
            }
            TokenRange next = iterator.next();
            if (next.start().compareTo(current.end()) <= 0) {
                // overlapping, or touching: (a, b] and (b, c] make (a, c]
                if (next.end().equals(minimum) || current.end().compareTo(next.end()) < 0) {
                    current = new TokenRange(current.start(), next.end());
                }
            } else {
                output.add(current);
                current = next;
            }
        }
        output.add(current);
        return output;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenRanges that && that.partitioner == partitioner && that.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partitioner, ranges);
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
