package io.lifeboat.kernel;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole numbers and durations as operators write them, in settings and plan parameters alike: one parser
 * each and one wording for what is wrong, naming the key.
 */
public final class Quantities {

    private static final Pattern BYTES = Pattern.compile("(\\d{1,12})\\s*(b|kib|mib|gib)?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");

    private Quantities() {
    }

    public static int wholeNumber(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(key, key + " must be a whole number (got '" + Printable.of(value) + "')");
        }
    }

    /** {@code 120s}, {@code 2m}, {@code 500ms}, {@code 1h}, {@code 30d}; a bare number is seconds. */
    public static Duration duration(String key, String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new ParameterException(key, key + " must be a duration such as 120s, 2m, 500ms or 30d (got '" + Printable.of(value) + "')");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** {@code 64KiB}, {@code 100MiB}, {@code 1GiB}; a bare number is bytes. */
    public static long bytes(String key, String value) {
        Matcher matcher = BYTES.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new ParameterException(key, key + " must be a size such as 64KiB, 100MiB or 1GiB (got '" + Printable.of(value) + "')");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        return switch (unit) {
            case "kib" -> amount << 10;
            case "mib" -> amount << 20;
            case "gib" -> amount << 30;
            default -> amount;
        };
    }

    public static void requireBetween(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(key, key + " must be between " + min + " and " + max);
        }
    }
}
