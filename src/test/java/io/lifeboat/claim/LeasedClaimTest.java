package io.lifeboat.claim;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Claims on a store whose create-only writes are not atomic: two writers at the same instant both get through. */
class LeasedClaimTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void ofTwoCreatesThatBothGotThroughOnlyTheOneThatReadsBackHoldsTheClaim() throws Exception {
        RunOwner first = RunOwner.thisProcess("run-first", Instant.now());
        RunOwner second = RunOwner.thisProcess("run-second", Instant.now());
        // The second writer's create lands between the first's create and its read-back.
        LooseObjects objects = new LooseObjects(() -> new LooseObjects.Write("snap/claim.json", second.toJson()));

        ClaimTakenException refused = assertThrows(ClaimTakenException.class,
                () -> LeasedClaim.acquire(objects, "snap/claim.json", first, CLOCK));
        assertEquals("run-second", refused.holder().orElseThrow().run());

        try (Claim held = LeasedClaim.acquire(objects, "snap/claim.json", second, CLOCK)) {
            held.checkHeld();
        }
    }

    /** Objects whose create never refuses, with one write by "another writer" slipped in after the first create. */
    private static final class LooseObjects implements ConditionalObjects {

        record Write(String key, byte[] bytes) {
        }

        private final Map<String, Versioned> objects = new HashMap<>();
        private Supplier<Write> interloper;
        private int versions;

        LooseObjects(Supplier<Write> interloper) {
            this.interloper = interloper;
        }

        @Override
        public synchronized Optional<String> create(String key, byte[] bytes) {
            String version = put(key, bytes);
            if (interloper != null) {
                Write write = interloper.get();
                interloper = null;
                put(write.key(), write.bytes());
            }
            return Optional.of(version);
        }

        @Override
        public synchronized Optional<Versioned> readVersioned(String key) {
            return Optional.ofNullable(objects.get(key));
        }

        @Override
        public synchronized Optional<String> replace(String key, byte[] bytes, String version) {
            Versioned current = objects.get(key);
            return current != null && current.version().equals(version) ? Optional.of(put(key, bytes)) : Optional.empty();
        }

        @Override
        public synchronized void deleteIf(String key, String version) {
            Versioned current = objects.get(key);
            if (current != null && current.version().equals(version)) {
                objects.remove(key);
            }
        }

        private String put(String key, byte[] bytes) {
            String version = "v" + ++versions;
            objects.put(key, new Versioned(bytes, version));
            return version;
        }
    }
}
