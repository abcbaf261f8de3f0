package io.lifeboat.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelGzipOutputStreamTest {

    @Test
    void storesRandomBlocksAndCompressesTextBlocks() {
        byte[] random = new byte[ParallelGzipOutputStream.BLOCK_SIZE];
        new Random(1).nextBytes(random);
        byte[] text = "order|customer-17|shipped|lyon|42.50\n".repeat(30_000).getBytes(StandardCharsets.US_ASCII);

        assertFalse(ParallelGzipOutputStream.compressible(random, random.length));
        assertTrue(ParallelGzipOutputStream.compressible(text, text.length));
        assertTrue(ParallelGzipOutputStream.member(random, random.length, 6).length < random.length + 200, "stored, not expanded");
        assertTrue(ParallelGzipOutputStream.member(text, text.length, 6).length < text.length / 20, "compressed");
    }

    @Test
    void mixedInputReadsBackWithTheJdkReader() throws IOException {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        Random random = new Random(2);
        for (int i = 0; i < 7; i++) {
            byte[] noise = new byte[700_000];
            random.nextBytes(noise);
            input.write(noise);
            input.write("text line that repeats\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream out = new ParallelGzipOutputStream(gzip, 6, 2, pool)) {
            out.write(input.toByteArray());
        }
        pool.shutdown();

        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.toByteArray()))) {
            assertArrayEquals(input.toByteArray(), in.readAllBytes());
        }
    }
}
