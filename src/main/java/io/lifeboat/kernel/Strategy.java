package io.lifeboat.kernel;

import java.util.Locale;

/** Whether a plan works on one node at a time or on several at once. */
public enum Strategy {
    SERIAL, PARALLEL;

    public static Strategy parse(String parameter, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(parameter, parameter + " must be 'serial' or 'parallel' (got '" + value + "')");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
