package io.lifeboat.kernel;

import io.lifeboat.app.Configuration;


import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tunables of {@code config/application.properties} ({@code lifeboat.*}), with their defaults.
 * Each can be overridden by an environment variable (see {@link Configuration}).
 */
public record LifeboatSettings(Strategy defaultStrategy, int parallelism, int partSizeMiB, int partsInFlight,
                               Compression compression, Optional<Integer> compressionLevel, int compressionThreads, Duration stallTimeout) {

    public static final LifeboatSettings DEFAULTS = new LifeboatSettings(Strategy.SERIAL, 4, 8, 4, Compression.GZIP, Optional.empty(),
            Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(120));

    public LifeboatSettings {
        check(parallelism >= 1 && parallelism <= 256, "lifeboat.parallelism", "must be between 1 and 256");
        // S3 refuses parts under 5 MiB; a part is the largest buffer an upload holds.
        check(partSizeMiB >= 5 && partSizeMiB <= 512, "lifeboat.part-size-mib", "must be between 5 and 512");
        check(partsInFlight >= 1 && partsInFlight <= 64, "lifeboat.parts-in-flight", "must be between 1 and 64");
        compressionLevel.ifPresent(level -> compression.level(level, "lifeboat.compression-level"));
        check(compressionThreads >= 1 && compressionThreads <= 256, "lifeboat.compression-threads", "must be between 1 and 256");
        check(stallTimeout.toSeconds() >= 1 && stallTimeout.toHours() <= 24, "lifeboat.stall-timeout", "must be between 1s and 24h");
    }

    /** Reads the settings through {@code property}, which answers a key with its configured value, if any. */
    public static LifeboatSettings from(Function<String, Optional<String>> property) {
        return new LifeboatSettings(
                property.apply("lifeboat.default-strategy")
                        .map(value -> Strategy.parse("lifeboat.default-strategy", value))
                        .orElse(DEFAULTS.defaultStrategy),
                integer(property, "lifeboat.parallelism", DEFAULTS.parallelism),
                integer(property, "lifeboat.part-size-mib", DEFAULTS.partSizeMiB),
                integer(property, "lifeboat.parts-in-flight", DEFAULTS.partsInFlight),
                property.apply("lifeboat.compression").map(value -> Compression.parse("lifeboat.compression", value))
                        .orElse(DEFAULTS.compression),
                property.apply("lifeboat.compression-level").map(value -> integer(property, "lifeboat.compression-level", 0)),
                integer(property, "lifeboat.compression-threads", DEFAULTS.compressionThreads),
                property.apply("lifeboat.stall-timeout").map(value -> Durations.parse("lifeboat.stall-timeout", value))
                        .orElse(DEFAULTS.stallTimeout));
    }

    /** How long each kind of store call may take, from the stall timeout. */
    public Deadlines deadlines() {
        return new Deadlines(stallTimeout);
    }

    public int partSizeBytes() {
        return partSizeMiB * 1024 * 1024;
    }

    private static int integer(Function<String, Optional<String>> property, String key, int fallback) {
        Optional<String> value = property.apply(key);
        try {
            return value.map(String::trim).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new ParameterException(key, key + " must be a whole number (got '" + value.get() + "')");
        }
    }

    private static void check(boolean valid, String key, String rule) {
        if (!valid) {
            throw new ParameterException(key, key + " " + rule);
        }
    }
}
