package io.lifeboat.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.lifeboat.kernel.Compression;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;

/**
 * The streams of each compression: gzip in parallel blocks that concatenate into one gzip stream (so
 * {@code tar xzf} reads it), zstd with its own worker threads ({@code tar --zstd -xf}), or none.
 */
final class CompressionStreams {

    private CompressionStreams() {
    }

    /**
     * A compressing stream over {@code sink}; closing it finishes the compressed stream and closes the sink.
     *
     * @param threads how many cores this stream may keep busy
     * @param pool    where parallel gzip compresses its blocks
     */
    static OutputStream compress(Compression compression, OutputStream sink, int level, int threads, ExecutorService pool) throws IOException {
        return switch (compression) {
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
    static InputStream decompress(Compression compression, InputStream in) throws IOException {
        InputStream buffered = new BufferedInputStream(in, 256 * 1024);
        return switch (compression) {
            case GZIP -> new GzipCompressorInputStream(buffered, true);
            case ZSTD -> new ZstdInputStream(buffered);
            case NONE -> buffered;
        };
    }
}
