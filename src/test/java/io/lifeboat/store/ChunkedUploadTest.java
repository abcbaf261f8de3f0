package io.lifeboat.store;

import io.lifeboat.kernel.Deadlines;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkedUploadTest {

    /** Records what a store would have been sent. */
    private static class Recording extends ChunkedUpload {
        final List<String> calls = new ArrayList<>();
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();

        Recording(int chunkSize, int maxChunks) {
            this(Transfers.serial(chunkSize, Deadlines.DEFAULT), maxChunks);
        }

        Recording(Transfers transfers, int maxChunks) {
            super("the store", "key", transfers, maxChunks, Long.MAX_VALUE);
        }

        @Override
        protected void begin() {
            calls.add("begin");
        }

        @Override
        protected void sendChunk(int number, byte[] bytes, int length) {
            calls.add("chunk " + number + " " + length);
            sent.write(bytes, 0, length);
        }

        @Override
        protected void commitChunks(int count) {
            calls.add("commit " + count);
        }

        @Override
        protected void discardChunks() {
            calls.add("discard");
        }

        @Override
        protected void putWhole(byte[] bytes, int length) {
            calls.add("put " + length);
            sent.write(bytes, 0, length);
        }
    }

    @Test
    void sendsFullChunksThenTheRestAndCommits() throws IOException {
        Recording upload = new Recording(10, 100);
        byte[] data = new byte[25];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        upload.write(data, 0, 7);
        upload.write(data, 7, 18);
        upload.complete();
        upload.close();

        assertEquals(List.of("begin", "chunk 1 10", "chunk 2 10", "chunk 3 5", "commit 3"), upload.calls);
        assertArrayEquals(data, upload.sent.toByteArray());
    }

    @Test
    void sendsASmallObjectInOneRequest() throws IOException {
        Recording upload = new Recording(10, 100);
        upload.write(new byte[10]);
        upload.complete();
        assertEquals(List.of("put 10"), upload.calls);

        Recording empty = new Recording(10, 100);
        empty.complete();
        assertEquals(List.of("put 0"), empty.calls);
    }

    @Test
    void closingWithoutCompletingDiscardsWhatWasSent() throws IOException {
        Recording upload = new Recording(10, 100);
        upload.write(new byte[15]);
        upload.close();

        assertEquals(List.of("begin", "chunk 1 10", "discard"), upload.calls);
    }

    @Test
    void refusesToGrowPastTheChunkLimit() {
        Recording upload = new Recording(10, 2);
        IOException tooBig = assertThrows(IOException.class, () -> upload.write(new byte[31]));
        assertTrue(tooBig.getMessage().contains("lifeboat.part-size"), tooBig.getMessage());
    }

    @Test
    void failsAtOnceWhenTheStoreTakesNoByteForTheStallTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ExecutorService senders = Executors.newCachedThreadPool();
        Transfers transfers = new Transfers(10, 2, senders, new Deadlines(Duration.ofSeconds(1)));
        Recording frozen = new Recording(transfers, 100) {
            @Override
            protected void sendChunk(int number, byte[] bytes, int length) {
                // A store that accepted the connection and then stopped answering.
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            long started = System.nanoTime();
            IOException stalled = assertThrows(IOException.class, () -> frozen.write(new byte[35]));

            assertEquals("no progress from the store for 1 s while uploading key", stalled.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0);
        } finally {
            never.countDown();
            senders.shutdownNow();
        }
    }
}
