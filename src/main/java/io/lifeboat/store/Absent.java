package io.lifeboat.store;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

/** A store call whose failure of one kind means there is nothing to answer: a missing object, a condition not met. */
final class Absent {

    private Absent() {
    }

    @FunctionalInterface
    interface StoreCall<T> {
        T run() throws IOException;
    }

    /** The call's answer, or empty when it failed with a cause that {@code meansAbsent}. */
    static <T> Optional<T> when(Predicate<Throwable> meansAbsent, StoreCall<T> call) throws IOException {
        try {
            return Optional.of(call.run());
        } catch (StoreException e) {
            if (e.getCause() != null && meansAbsent.test(e.getCause())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
