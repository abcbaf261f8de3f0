package io.lifeboat.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The NAME=VALUE parameters of a plan: read from the environment, overridden by the command line.
 * Only looked up by name, so unrelated environment variables never leak into a plan.
 */
public final class PlanParameters {

    private final Map<String, String> explicit;
    private final Map<String, String> environment;

    public PlanParameters(Map<String, String> explicit, Map<String, String> environment) {
        this.explicit = Map.copyOf(explicit);
        this.environment = Map.copyOf(environment);
    }

    public static PlanParameters of(Map<String, String> explicit) {
        return new PlanParameters(explicit, Map.of());
    }

    /** The value of a parameter, blank values counting as absent. */
    public Optional<String> optional(String name) {
        String value = explicit.containsKey(name) ? explicit.get(name) : environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name, String what) {
        return optional(name).orElseThrow(() -> new ParameterException(name, name + " is required (" + what + ")"));
    }

    public Optional<Secret> secret(String name) {
        return optional(name).map(Secret::new);
    }

    /** The names given explicitly on the command line (for checking against the plan's own names). */
    public Map<String, String> explicit() {
        return new HashMap<>(explicit);
    }
}
