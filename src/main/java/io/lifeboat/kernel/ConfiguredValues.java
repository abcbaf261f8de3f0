package io.lifeboat.kernel;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Configured values by key ({@code application.properties} with its environment overrides), read as the
 * typed settings need them; a value that does not parse names its key.
 */
public interface ConfiguredValues {

    /** The value of a key; blank counts as absent. */
    Optional<String> get(String key);

    /** Every key that starts with {@code prefix}, without it, with its value. */
    Map<String, String> withPrefix(String prefix);

    default int wholeNumber(String key, int fallback) {
        return get(key).map(value -> Quantities.wholeNumber(key, value)).orElse(fallback);
    }

    default Duration duration(String key, Duration fallback) {
        return get(key).map(value -> Quantities.duration(key, value)).orElse(fallback);
    }

    /** A value parsed by {@code parse}, which is given the key (for its error) and the value. */
    default <T> T parsed(String key, T fallback, BiFunction<String, String, T> parse) {
        return get(key).map(value -> parse.apply(key, value)).orElse(fallback);
    }
}
