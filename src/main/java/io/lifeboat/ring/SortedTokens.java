package io.lifeboat.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A ring's tokens in order with their owners, and the walks Cassandra's TokenMetadata makes over them. */
final class SortedTokens {

    private final List<BigInteger> tokens;
    private final Map<BigInteger, RingNode> owners = new HashMap<>();

    SortedTokens(Ring ring, Partitioner partitioner) {
        for (RingNode node : ring.nodes()) {
            node.tokens().forEach(token -> owners.put(partitioner.nodeToken(token), node));
        }
        List<BigInteger> sorted = new ArrayList<>(owners.keySet());
        Collections.sort(sorted);
        this.tokens = List.copyOf(sorted);
    }

    List<BigInteger> tokens() {
        return tokens;
    }

    RingNode ownerOf(BigInteger token) {
        return owners.get(token);
    }

    /** TokenMetadata.firstTokenIndex without the minimum: the index of the first token at or after the search token, wrapping to 0. */
    private int firstIndex(BigInteger search) {
        int index = Collections.binarySearch(tokens, search);
        if (index < 0) {
            index = -(index + 1);
            if (index >= tokens.size()) {
                index = 0;
            }
        }
        return index;
    }

    /** TokenMetadata.firstToken: the token ending the range that holds the search token. */
    BigInteger firstToken(BigInteger search) {
        return tokens.get(firstIndex(search));
    }

    /** TokenMetadata.getPrimaryRangesFor one ring token: from the token before it, excluded, to it. */
    TokenRange rangeEndingAt(BigInteger ringToken) {
        int index = Collections.binarySearch(tokens, ringToken);
        BigInteger predecessor = index == 0 ? tokens.get(tokens.size() - 1) : tokens.get(index - 1);
        return new TokenRange(predecessor, ringToken);
    }

    /** TokenMetadata.ringIterator(ring, search, false): every token once, from the first at or after the search token round the ring. */
    Iterable<BigInteger> walkFrom(BigInteger search) {
        int start = firstIndex(search);
        return () -> new Iterator<>() {
            private int step;

            @Override
            public boolean hasNext() {
                return step < tokens.size();
            }

            @Override
            public BigInteger next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return tokens.get((start + step++) % tokens.size());
            }
        };
    }
}
