package io.lifeboat.kernel;


import java.util.Arrays;
import java.util.Locale;

/** How node archives are compressed: gzip, zstd or none, with each codec's object suffix and levels. */
public enum Compression {
    GZIP(".tar.gz", 1, 9, 6),
    ZSTD(".tar.zst", 1, 19, 1),
    NONE(".tar", 0, 0, 0);

    private final String suffix;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    Compression(String suffix, int minLevel, int maxLevel, int defaultLevel) {
        this.suffix = suffix;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
    }

    public static Compression parse(String parameter, String value) {
        return Arrays.stream(values()).filter(codec -> codec.label().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new ParameterException(parameter, parameter + " must be gzip, zstd or none (got '" + value + "')"));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The object name's ending: {@code node-<index>.tar.gz}, {@code .tar.zst} or {@code .tar}. */
    public String suffix() {
        return suffix;
    }

    public int defaultLevel() {
        return defaultLevel;
    }

    /** The level to use: {@code requested} when it is set and valid for this codec, else the codec's default. */
    public int level(Integer requested, String parameter) {
        if (requested == null || this == NONE) {
            return defaultLevel;
        }
        if (requested < minLevel || requested > maxLevel) {
            throw new ParameterException(parameter, parameter + " for " + label() + " must be between " + minLevel + " and " + maxLevel);
        }
        return requested;
    }
}
