package io.lifeboat.loader;

import org.apache.cassandra.dht.IPartitioner;
import org.apache.cassandra.dht.Range;
import org.apache.cassandra.dht.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The token ranges a repaired SSTable is streamed for: those an endpoint replicates that this loader is also the
 * designated source of. Ranges are {@code (start, end]}; in a normalized list none wraps, and an end equal to the
 * partitioner's minimum token means the end of the ring.
 */
final class RepairedRanges {

    private RepairedRanges() {
    }

    /** {@code [["start", "end"], ...]} as the partitioner's tokens, normalized; a range may wrap around the ring. */
    static List<Range<Token>> parse(List<List<String>> pairs, IPartitioner partitioner) {
        Token.TokenFactory tokens = partitioner.getTokenFactory();
        List<Range<Token>> ranges = new ArrayList<>();
        for (List<String> pair : pairs) {
            try {
                tokens.validate(pair.get(0));
                tokens.validate(pair.get(1));
            } catch (RuntimeException e) {
                throw new LoadFailure("repaired range " + pair + " is not a pair of " + partitioner.getClass().getSimpleName()
                        + " tokens: " + LoadFailure.reason(e));
            }
            ranges.add(new Range<>(tokens.fromString(pair.get(0)), tokens.fromString(pair.get(1))));
        }
        return Range.normalize(ranges);
    }

    /** The tokens in both normalized lists, normalized. */
    static List<Range<Token>> intersect(List<Range<Token>> owned, List<Range<Token>> wanted) {
        List<Range<Token>> both = new ArrayList<>();
        for (Range<Token> a : owned) {
            for (Range<Token> b : wanted) {
                Token left = a.left.compareTo(b.left) >= 0 ? a.left : b.left;
                Token right = earlierEnd(a.right, b.right);
                if (right.isMinimum() || left.compareTo(right) < 0) {
                    both.add(new Range<>(left, right));
                }
            }
        }
        return Range.normalize(both);
    }

    private static Token earlierEnd(Token a, Token b) {
        if (a.isMinimum()) {
            return b;
        }
        if (b.isMinimum()) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }
}
