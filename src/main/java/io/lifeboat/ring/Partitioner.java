package io.lifeboat.ring;

import io.lifeboat.kernel.Printable;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/** A token space Lifeboat can place replicas in: Cassandra's Murmur3Partitioner or RandomPartitioner. */
public enum Partitioner {

    /** Signed 64-bit tokens; the minimum, {@code Long.MIN_VALUE}, is never a key's token (Murmur3Partitioner.getToken). */
    MURMUR3("org.apache.cassandra.dht.Murmur3Partitioner", BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MIN_VALUE),
            BigInteger.valueOf(Long.MAX_VALUE)),
    /** Tokens from 0 to 2^127; the minimum is the symbolic -1, below every node's token (RandomPartitioner.MINIMUM). */
    RANDOM("org.apache.cassandra.dht.RandomPartitioner", BigInteger.ONE.negate(), BigInteger.ZERO, BigInteger.TWO.pow(127));

    private static final String PACKAGE = "org.apache.cassandra.dht.";

    private final String className;
    private final BigInteger minimum;
    private final BigInteger lowestNodeToken;
    private final BigInteger maximum;

    Partitioner(String className, BigInteger minimum, BigInteger lowestNodeToken, BigInteger maximum) {
        this.className = className;
        this.minimum = minimum;
        this.lowestNodeToken = lowestNodeToken;
        this.maximum = maximum;
    }

    /**
     * The partitioner Cassandra reports, by full or simple class name. Empty for any other (ByteOrderedPartitioner,
     * OrderPreservingPartitioner, a custom one): Lifeboat cannot place its tokens, so rings using it can only be
     * compared for identical tokens.
     */
    public static Optional<Partitioner> of(String name) {
        String className = name.contains(".") ? name.trim() : PACKAGE + name.trim();
        return Arrays.stream(values()).filter(partitioner -> partitioner.className.equals(className)).findFirst();
    }

    public String className() {
        return className;
    }

    /** The token before every other, as Cassandra's {@code getMinimumToken()}: ranges ending here run to the end of the ring. */
    public BigInteger minimum() {
        return minimum;
    }

    public BigInteger maximum() {
        return maximum;
    }

    /**
     * A node's token as Cassandra prints it, checked as this partitioner's token factory validates it.
     *
     * @throws IllegalArgumentException naming the token when it is not one
     */
    public BigInteger nodeToken(String text) {
        BigInteger token;
        try {
            token = new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(outOfRange(text));
        }
        if (token.compareTo(lowestNodeToken) < 0 || token.compareTo(maximum) > 0) {
            throw new IllegalArgumentException(outOfRange(text));
        }
        return token;
    }

    /** Whether the token lies in this partitioner's space, the minimum included. */
    public boolean holds(BigInteger token) {
        return token.compareTo(minimum) >= 0 && token.compareTo(maximum) <= 0;
    }

    private String outOfRange(String text) {
        return "'" + Printable.of(text) + "' is not a " + simpleName() + " token (an integer from " + lowestNodeToken + " to "
                + maximum + ")";
    }

    String simpleName() {
        return className.substring(PACKAGE.length());
    }
}
