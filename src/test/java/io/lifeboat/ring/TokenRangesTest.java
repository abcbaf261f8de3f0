package io.lifeboat.ring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lifeboat.ring.TestRings.MIN;
import static io.lifeboat.ring.TestRings.range;
import static io.lifeboat.ring.TestRings.ranges;
import static io.lifeboat.ring.TestRings.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenRangesTest {

    @Test
    void aRangeExcludesItsStartAndIncludesItsEnd() {
        TokenRange range = range(0, 100);

        assertFalse(range.contains(token(0)));
        assertTrue(range.contains(token(1)));
        assertTrue(range.contains(token(100)));
        assertFalse(range.contains(token(101)));
    }

    @Test
    void aWrappingRangeRunsPastTheTopOfTheRing() {
        TokenRange range = range(100, -100);

        assertTrue(range.wraps());
        assertTrue(range.contains(token(Long.MAX_VALUE)));
        assertTrue(range.contains(MIN));
        assertTrue(range.contains(token(-100)));
        assertFalse(range.contains(token(0)));
    }

    @Test
    void aWrappingRangeIsUnwrappedAtTheMinimumToken() {
        TokenRanges wrapping = ranges(range(100, -100));

        assertEquals(List.of(new TokenRange(MIN, token(-100)), new TokenRange(token(100), MIN)), wrapping.ranges());
        assertEquals("[(-9223372036854775808,-100], (100,-9223372036854775808]]", wrapping.toString());
    }

    @Test
    void aRangeFromATokenToItselfIsTheWholeRing() {
        TokenRanges whole = ranges(range(42, 42));

        assertTrue(whole.coversWholeRing());
        assertEquals(TokenRanges.wholeRing(Partitioner.MURMUR3), whole);
        assertTrue(whole.contains(MIN));
        assertEquals("[(-9223372036854775808,-9223372036854775808]]", whole.toString());
    }

    @Test
    void touchingAndOverlappingRangesAreMerged() {
        assertEquals(ranges(range(0, 300)), ranges(range(200, 300), range(0, 100), range(100, 200)));
        assertEquals(ranges(range(0, 300)), ranges(range(0, 250), range(50, 300), range(60, 70)));
        assertEquals(List.of(range(0, 100), range(200, 300)), ranges(range(200, 300), range(0, 100)).ranges());
    }

    @Test
    void rangesThatCloseTheRingMakeTheWholeRing() {
        assertTrue(ranges(range(0, 100), range(100, 0)).coversWholeRing());
        assertTrue(ranges(range(-5, 7), range(7, -5)).coversWholeRing());
    }

    @Test
    void theIntersectionHoldsTheTokensBothHold() {
        TokenRanges mine = ranges(range(100, -100));
        TokenRanges theirs = ranges(range(-200, 0), range(50, 150));

        assertEquals(ranges(range(-200, -100), range(100, 150)), mine.intersection(theirs));
        assertEquals(mine, mine.intersection(TokenRanges.wholeRing(Partitioner.MURMUR3)));
        assertTrue(ranges(range(0, 100)).intersection(ranges(range(100, 200))).isEmpty());
        assertEquals(ranges(range(200, 300), range(400, 500)), ranges(range(200, -100)).intersection(ranges(range(100, 300), range(400, 500))));
    }

    @Test
    void twoRangesToTheEndOfTheRingIntersectToTheEnd() {
        assertEquals(ranges(range(200, Long.MIN_VALUE)), ranges(range(100, -300)).intersection(ranges(range(200, -400))).intersection(
                ranges(range(0, Long.MIN_VALUE))));
    }

    @Test
    void setsAreEqualWhenTheyHoldTheSameTokens() {
        assertEquals(ranges(range(100, -100)), ranges(range(Long.MIN_VALUE, -100), range(100, 200), range(200, Long.MIN_VALUE)));
        assertEquals(ranges(range(100, -100)).hashCode(), ranges(range(Long.MIN_VALUE, -100), range(100, Long.MIN_VALUE)).hashCode());
        assertNotEquals(ranges(range(0, 100)), ranges(range(0, 101)));
        assertNotEquals(TokenRanges.none(Partitioner.MURMUR3), TokenRanges.none(Partitioner.RANDOM));
    }

    @Test
    void theUnionMergesBothSets() {
        assertEquals(ranges(range(0, 200)), ranges(range(0, 100)).union(ranges(range(100, 200))));
    }

    @Test
    void rangesOfTwoPartitionersDoNotMix() {
        assertThrows(IllegalArgumentException.class,
                () -> ranges(range(0, 1)).intersection(TokenRanges.wholeRing(Partitioner.RANDOM)));
    }
}
