package io.lifeboat.kernel;

import java.util.Map;
import java.util.Optional;

/** Configured values by key ({@code application.properties} with its environment overrides), as settings read them. */
public interface ConfiguredValues {

    /** The value of a key; blank counts as absent. */
    Optional<String> get(String key);

    /** Every key that starts with {@code prefix}, without it, with its value. */
    Map<String, String> withPrefix(String prefix);
}
