package io.lifeboat.ring;

import io.lifeboat.kernel.Printable;

/**
 * A replication factor as Cassandra's {@code ReplicationFactor} writes it: {@code 3}, or {@code 3/1} for three
 * replicas of which one is transient. Placement counts all of them.
 */
public record ReplicationFactor(int allReplicas, int transientReplicas) {

    public ReplicationFactor {
        if (allReplicas < 0) {
            throw new IllegalArgumentException("a replication factor cannot be negative (got " + allReplicas + ")");
        }
        if (transientReplicas < 0 || transientReplicas > 0 && transientReplicas >= allReplicas) {
            throw new IllegalArgumentException("transient replicas must be zero, or fewer than all replicas (got " + allReplicas + "/"
                    + transientReplicas + ")");
        }
    }

    /** Parses {@code 3} or {@code 3/1}; {@code where} names the option in the error. */
    public static ReplicationFactor parse(String where, String text) {
        if (text == null) {
            throw new IllegalArgumentException(where + " has no value");
        }
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 1) {
                return new ReplicationFactor(Integer.parseInt(parts[0].trim()), 0);
            }
            if (parts.length == 2) {
                return new ReplicationFactor(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // worded below, like any other malformed factor
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        throw new IllegalArgumentException(where + " must be <replicas> or <replicas>/<transient> (got '" + Printable.of(text) + "')");
    }

    public int fullReplicas() {
        return allReplicas - transientReplicas;
    }

    @Override
    public String toString() {
        return transientReplicas == 0 ? Integer.toString(allReplicas) : allReplicas + "/" + transientReplicas;
    }
}
