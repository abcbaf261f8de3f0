package io.lifeboat.loader;

import org.apache.cassandra.dht.Murmur3Partitioner;
import org.apache.cassandra.dht.Range;
import org.apache.cassandra.dht.Token;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token arithmetic that limits a repaired SSTable to its designated ranges. */
class RepairedRangesTest {

    private static final String MIN = Long.toString(Long.MIN_VALUE);

    @Test
    void aNodeThatOwnsTheWholeRingGetsExactlyTheRepairedRanges() {
        List<Range<Token>> wanted = ranges(MIN, "-100", "5", "77");

        assertEquals(wanted, RepairedRanges.intersect(ranges(MIN, MIN), wanted));
    }

    @Test
    void keepsOnlyWhatTheEndpointReplicates() {
        List<Range<Token>> owned = ranges("-500", "0", "50", "60", "1000", "2000");
        List<Range<Token>> wanted = ranges("-1000", "-400", "-10", "55", "1500", MIN);

        assertEquals(ranges("-500", "-400", "-10", "0", "50", "55", "1500", "2000"), RepairedRanges.intersect(owned, wanted));
    }

    @Test
    void rangesThatOnlyTouchShareNoToken() {
        // (0, 10] and (10, 20]: 10 belongs to the first only.
        assertTrue(RepairedRanges.intersect(ranges("0", "10"), ranges("10", "20")).isEmpty());
        assertTrue(RepairedRanges.intersect(ranges("0", "10"), List.of()).isEmpty());
    }

    @Test
    void aRangeThatWrapsAroundTheRingIsSplitAtItsEnd() {
        List<Range<Token>> wanted = RepairedRanges.parse(List.of(List.of("100", "-100")), Murmur3Partitioner.instance);

        assertEquals(ranges(MIN, "-100", "100", MIN), wanted);
        assertEquals(ranges("-200", "-100", "100", "300"), RepairedRanges.intersect(ranges("-200", "300"), wanted));
    }

    @Test
    void bothRangesRunningToTheEndOfTheRingMeetThere() {
        assertEquals(ranges("700", MIN), RepairedRanges.intersect(ranges("500", MIN), ranges("700", MIN)));
        assertEquals(ranges("700", "800"), RepairedRanges.intersect(ranges("700", "800"), ranges("500", MIN)));
    }

    @Test
    void parsesAndMergesTheRequestsPairs() {
        List<Range<Token>> parsed = RepairedRanges.parse(List.of(List.of("5", "77"), List.of(MIN, "-100"), List.of("77", "90")),
                Murmur3Partitioner.instance);

        assertEquals(ranges(MIN, "-100", "5", "90"), parsed);
    }

    @Test
    void aTokenThePartitionerCannotReadFailsInOneLine() {
        LoadFailure failure = assertThrows(LoadFailure.class,
                () -> RepairedRanges.parse(List.of(List.of("five", "77")), Murmur3Partitioner.instance));

        assertTrue(failure.getMessage().startsWith("repaired range [five, 77] is not a pair of Murmur3Partitioner tokens"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
    }

    /** Ranges from (left, right] pairs of Murmur3 tokens, in the order given. */
    private static List<Range<Token>> ranges(String... bounds) {
        Token.TokenFactory tokens = Murmur3Partitioner.instance.getTokenFactory();
        List<Range<Token>> ranges = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            ranges.add(new Range<>(tokens.fromString(bounds[i]), tokens.fromString(bounds[i + 1])));
        }
        return ranges;
    }
}
