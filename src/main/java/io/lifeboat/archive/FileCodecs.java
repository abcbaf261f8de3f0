package io.lifeboat.archive;

import com.github.luben.zstd.ZstdOutputStream;
import io.lifeboat.kernel.Compression;
import org.apache.commons.io.output.CountingOutputStream;
import org.apache.commons.io.output.NullOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.zip.GZIPOutputStream;

/**
 * How one file of a differential snapshot is stored: compressed with the backup's codec, on one thread (many
 * files are in flight at once), or as it is when compressing does not pay.
 */
public final class FileCodecs {

    /** How much of a file is compressed to judge whether the whole is worth compressing. */
    static final int SAMPLE = 128 * 1024;
    /** Compressing pays when it saves at least a tenth. */
    private static final double WORTH_IT = 0.9;
    /** Smaller files are stored as they are: the codec's framing would eat what it saves. */
    private static final long TINY = 256;

    private FileCodecs() {
    }

    /** The codec {@code file} is stored with: {@code codec}, or none when its first bytes do not shrink by a tenth. */
    public static Compression choose(Compression codec, int level, TreeItem file) throws IOException {
        if (codec == Compression.NONE || file.size() < TINY) {
            return Compression.NONE;
        }
        byte[] sample;
        try (InputStream in = Files.newInputStream(file.path())) {
            sample = in.readNBytes((int) Math.min(SAMPLE, file.size()));
        }
        CountingOutputStream compressed = new CountingOutputStream(NullOutputStream.INSTANCE);
        try (OutputStream out = compress(codec, compressed, level)) {
            out.write(sample);
        }
        return compressed.getByteCount() <= WORTH_IT * sample.length ? codec : Compression.NONE;
    }

    /** A compressing stream over {@code sink} on the calling thread; closing it finishes the stream and closes the sink. */
    public static OutputStream compress(Compression codec, OutputStream sink, int level) throws IOException {
        return switch (codec) {
            case GZIP -> new GZIPOutputStream(sink, 64 * 1024) {
                {
                    def.setLevel(level);
                }
            };
            case ZSTD -> new ZstdOutputStream(sink, level);
            case NONE -> sink;
        };
    }

    /** A decompressing stream over an object stored with {@code codec}. */
    public static InputStream decompress(Compression codec, InputStream in) throws IOException {
        return CompressionStreams.decompress(codec, in);
    }
}
