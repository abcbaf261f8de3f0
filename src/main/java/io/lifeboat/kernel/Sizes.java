package io.lifeboat.kernel;

import java.util.Locale;

/** Sizes as an operator reads them. */
public final class Sizes {

    private Sizes() {
    }

    /** Decimal units, as the shell tools print them: 999 B, 1.5 kB, 12.3 MB. */
    public static String decimal(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
