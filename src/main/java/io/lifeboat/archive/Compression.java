package io.lifeboat.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.lifeboat.plan.ParameterException;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * How node archives are compressed: gzip (in parallel blocks that concatenate into one gzip stream, so
 * {@code tar xzf} reads it), zstd (with its own worker threads, {@code tar --zstd -xf}), or none.
 */
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

    /**
     * A compressing stream over {@code sink}; closing it finishes the compressed stream and closes the sink.
     *
     * @param threads how many cores this stream may keep busy
     * @param pool    where parallel gzip compresses its blocks
     */
    public OutputStream compress(OutputStream sink, int level, int threads, ExecutorService pool) throws IOException {
        return switch (this) {
            case GZIP -> new ParallelGzipOutputStream(sink, level, threads, pool);
            case ZSTD -> {
                ZstdOutputStream zstd = new ZstdOutputStream(sink, level);
                // zstd's own workers: one more than none so compression overlaps with the tar writer.
                zstd.setWorkers(threads > 1 ? threads : 0);
                yield zstd;
            }
            case NONE -> sink;
        };
    }

    /** A decompressing stream; gzip reads every concatenated member. */
    public InputStream decompress(InputStream in) throws IOException {
        InputStream buffered = new BufferedInputStream(in, 256 * 1024);
        return switch (this) {
            case GZIP -> new GzipCompressorInputStream(buffered, true);
            case ZSTD -> new ZstdInputStream(buffered);
            case NONE -> buffered;
        };
    }
}
