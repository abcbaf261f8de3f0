package io.lifeboat.kernel;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a backup stores a node: {@code full} as one archive per node (the layout of the system Lifeboat replaces),
 * {@code differential} as one object per file, each uploaded once and referred to by every later snapshot that
 * holds the same file.
 */
public enum BackupMode {
    FULL,
    DIFFERENTIAL;

    public static BackupMode parse(String parameter, String value) {
        return Arrays.stream(values()).filter(mode -> mode.label().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new ParameterException(parameter, parameter + " must be full or differential (got '" + value + "')"));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
