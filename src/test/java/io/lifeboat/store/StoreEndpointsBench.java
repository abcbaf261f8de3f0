package io.lifeboat.store;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.StoreKind;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.kernel.StoreLocation.AzureLocation;
import io.lifeboat.kernel.StoreLocation.LocalLocation;
import io.lifeboat.kernel.StoreLocation.S3Location;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import org.apache.camel.component.azure.storage.blob.BlobConstants;
import org.apache.camel.component.azure.storage.blob.BlobOperationsDefinition;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Each store operation timed two ways in the same run, on the same client Lifeboat builds and the same
 * objects: called on the SDK directly, and sent to Camel's storage component (aws2-s3, azure-storage-blob,
 * file) with that client bound as a bean. Not part of mvn verify; run it with
 * {@code mvn verify -Dit.test=StoreEndpointsBench -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx128m}.
 * The figures go to stdout and {@code target/store-endpoints-bench.txt}.
 */
@ExtendWith(TestServers.class)
class StoreEndpointsBench {

    private static final int OBJECTS = 200;
    private static final int SMALL = 4 * 1024;
    private static final long BIG = Long.getLong("bench.big-bytes", 1024L * 1024 * 1024);
    private static final Deadlines DEADLINES = Deadlines.DEFAULT;

    private static CamelContext camel;
    private static ProducerTemplate template;
    private static PrintStream report;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startCamel() throws IOException {
        camel = new DefaultCamelContext();
        camel.setStreamCaching(false);
        camel.start();
        template = camel.createProducerTemplate();
        Path file = Path.of(System.getProperty("lifeboat.build.directory", "target"), "store-endpoints-bench.txt");
        report = new PrintStream(Files.newOutputStream(file), true);
        say("machine: %d cores, max heap %d MiB, Java %s", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    }

    @AfterAll
    static void stopCamel() throws Exception {
        camel.close();
        report.close();
    }

    @Test
    void s3() throws Exception {
        S3Location location = (S3Location) location(StoreFixture.S3, StoreFixture.S3.newStore(scratch));
        try (S3Store.Clients clients = S3Store.newClients(location, DEADLINES)) {
            var s3 = clients.calls();
            String bucket = location.bucket();
            var quick = AwsRequestOverrideConfiguration.builder().apiCallTimeout(DEADLINES.call()).apiCallAttemptTimeout(DEADLINES.attempt()).build();
            camel.getRegistry().bind("bench-s3", s3);
            String plain = "aws2-s3://" + bucket + "?amazonS3Client=#bench-s3&autoCreateBucket=false";
            String conditional = plain + "&conditionalWritesEnabled=true";
            byte[] small = random(SMALL);

            compare("S3 put (known length)",
                    key -> s3.putObject(b -> b.bucket(bucket).key(key).overrideConfiguration(quick), RequestBody.fromBytes(small)),
                    key -> send(plain, small, AWS2S3Constants.KEY, key, AWS2S3Constants.CONTENT_LENGTH, (long) small.length));
            compare("S3 create (If-None-Match)",
                    key -> s3.putObject(b -> b.bucket(bucket).key(key + "-c").ifNoneMatch("*").overrideConfiguration(quick),
                            RequestBody.fromBytes(small)),
                    key -> send(conditional, small, AWS2S3Constants.KEY, key + "-c", AWS2S3Constants.CONTENT_LENGTH, (long) small.length));
            compare("S3 head (size)",
                    key -> s3.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(quick)),
                    key -> send(plain, null, AWS2S3Constants.KEY, key, AWS2S3Constants.S3_OPERATION, AWS2S3Operations.headObject));
            compare("S3 get (small, read whole)",
                    key -> assertArrayEquals(small, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).overrideConfiguration(quick)).asByteArray()),
                    key -> assertArrayEquals(small, readAll(send(plain, null, AWS2S3Constants.KEY, key,
                            AWS2S3Constants.S3_OPERATION, AWS2S3Operations.getObject).getMessage().getBody(InputStream.class))));
            compare("S3 delete",
                    key -> s3.deleteObject(b -> b.bucket(bucket).key(key).overrideConfiguration(quick)),
                    key -> send(plain, null, AWS2S3Constants.KEY, key + "-c", AWS2S3Constants.S3_OPERATION, AWS2S3Operations.deleteObject));

            try (SnapshotStore store = Stores.open(location, new Transfers(8 << 20, 4, Executors.newCachedThreadPool(), DEADLINES), camel);
                 ObjectUpload upload = store.upload("big")) {
                writeRandom(upload, BIG);
                upload.complete();
            }
            compareDownload("S3 streamed download",
                    () -> s3.getObject(b -> b.bucket(bucket).key("big").overrideConfiguration(quick)),
                    () -> send(plain, null, AWS2S3Constants.KEY, "big", AWS2S3Constants.S3_OPERATION, AWS2S3Operations.getObject)
                            .getMessage().getBody(InputStream.class));
            camel.getRegistry().unbind("bench-s3");
        }
    }

    @Test
    void azure() throws Exception {
        AzureLocation location = (AzureLocation) location(StoreFixture.AZURE, StoreFixture.AZURE.newStore(scratch));
        BlobServiceClient service = AzureBlobStore.newClient(location, DEADLINES);
        BlobContainerClient container = service.getBlobContainerClient(location.container());
        Duration quick = DEADLINES.call();
        camel.getRegistry().bind("bench-azure", service);
        String endpoint = "azure-storage-blob://" + location.account() + "/" + location.container()
                + "?serviceClient=#bench-azure&closeStreamAfterRead=false";
        byte[] small = random(SMALL);

        compare("Azure put (known length)",
                key -> container.getBlobClient(key).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(small)), quick, Context.NONE),
                key -> send(endpoint, small, BlobConstants.BLOB_NAME, key, BlobConstants.BLOB_OPERATION, BlobOperationsDefinition.uploadBlockBlob,
                        BlobConstants.TIMEOUT, quick));
        compare("Azure create (If-None-Match)",
                key -> container.getBlobClient(key + "-c").uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(small))
                        .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), quick, Context.NONE),
                key -> send(endpoint, small, BlobConstants.BLOB_NAME, key + "-c", BlobConstants.BLOB_OPERATION, BlobOperationsDefinition.uploadBlockBlob,
                        BlobConstants.TIMEOUT, quick, BlobConstants.BLOB_REQUEST_CONDITION, new BlobRequestConditions().setIfNoneMatch("*")));
        compare("Azure get (small, read whole)",
                key -> assertArrayEquals(small, container.getBlobClient(key).downloadContentWithResponse(null, null, quick, Context.NONE)
                        .getValue().toBytes()),
                key -> assertArrayEquals(small, readAll(send(endpoint, null, BlobConstants.BLOB_NAME, key,
                        BlobConstants.BLOB_OPERATION, BlobOperationsDefinition.getBlob).getMessage().getBody(InputStream.class))));
        compare("Azure delete",
                key -> container.getBlobClient(key).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, quick, Context.NONE),
                key -> send(endpoint, null, BlobConstants.BLOB_NAME, key + "-c", BlobConstants.BLOB_OPERATION, BlobOperationsDefinition.deleteBlob,
                        BlobConstants.TIMEOUT, quick, BlobConstants.DELETE_SNAPSHOT_OPTION_TYPE, DeleteSnapshotsOptionType.INCLUDE));

        long big = Math.min(BIG, Long.getLong("bench.azure-big-bytes", BIG));
        try (SnapshotStore store = Stores.open(location, new Transfers(8 << 20, 4, Executors.newCachedThreadPool(), DEADLINES), camel);
             ObjectUpload upload = store.upload("big")) {
            writeRandom(upload, big);
            upload.complete();
        }
        compareDownload("Azure streamed download",
                () -> container.getBlobClient("big").openInputStream(),
                () -> send(endpoint, null, BlobConstants.BLOB_NAME, "big", BlobConstants.BLOB_OPERATION, BlobOperationsDefinition.getBlob)
                        .getMessage().getBody(InputStream.class));
        camel.getRegistry().unbind("bench-azure");
    }

    @Test
    void local() throws Exception {
        LocalLocation location = (LocalLocation) location(StoreFixture.LOCAL, StoreFixture.LOCAL.newStore(scratch));
        SnapshotStore store = new LocalDirectoryStore(location);
        byte[] small = random(SMALL);
        // The store's own write (a FileChannel, synced, renamed) against Camel's file producer with a temporary name.
        String producer = "file:" + location.directory() + "?tempFileName=.${file:onlyname}.partial&fileExist=Override&forceWrites=true";
        compare("Local put (known length)",
                key -> {
                    try (ObjectUpload upload = store.upload("a/" + key)) {
                        upload.write(small);
                        upload.complete();
                    }
                },
                key -> send(producer, small, FileConstants.FILE_NAME, "b/" + key));
        store.close();
    }

    // --- the two paths, timed ---

    @FunctionalInterface
    private interface Operation {
        void run(String key) throws Exception;
    }

    @FunctionalInterface
    private interface Opening {
        InputStream open() throws Exception;
    }

    /** Warms both paths up, then times {@value #OBJECTS} calls of each, twice, alternating; the faster round of each counts. */
    private static void compare(String name, Operation sdk, Operation component) throws Exception {
        for (int i = 0; i < 20; i++) {
            sdk.run("sdk/warm-" + i);
            component.run("camel/warm-" + i);
        }
        long[] sdkBest = null;
        long[] componentBest = null;
        for (int round = 0; round < 2; round++) {
            long[] sdkTimes = time(sdk, "sdk/" + round);
            long[] componentTimes = time(component, "camel/" + round);
            sdkBest = sdkBest == null || total(sdkTimes) < total(sdkBest) ? sdkTimes : sdkBest;
            componentBest = componentBest == null || total(componentTimes) < total(componentBest) ? componentTimes : componentBest;
        }
        say("%-32s %d objects of %d KiB: SDK %s | endpoint %s", name, OBJECTS, SMALL / 1024, summary(sdkBest), summary(componentBest));
    }

    /** Each path and round has keys of its own, so that a create-only write finds no object of the other. */
    private static long[] time(Operation operation, String prefix) throws Exception {
        long[] times = new long[OBJECTS];
        for (int i = 0; i < OBJECTS; i++) {
            long start = System.nanoTime();
            operation.run(prefix + "/object-" + i);
            times[i] = System.nanoTime() - start;
        }
        return times;
    }

    private static void compareDownload(String name, Opening sdk, Opening component) throws Exception {
        for (int round = 0; round < 2; round++) {
            say("%-32s %d MiB: SDK %s | endpoint %s", name, BIG >> 20, download(sdk), download(component));
        }
    }

    /** Reads the whole object in 64 KiB reads, sampling the heap in use (after the collections so far) meanwhile. */
    private static String download(Opening opening) throws Exception {
        System.gc();
        AtomicLong peak = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
                0, 20, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        long bytes = 0;
        try (InputStream in = opening.open()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) != -1; ) {
                bytes += read;
            }
        } finally {
            sampler.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("%.1f s (%.0f MiB/s), heap in use at most %d MiB", seconds, (bytes >> 20) / seconds, peak.get() >> 20);
    }

    private static String summary(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return String.format("%d ms (p50 %.2f ms, p99 %.2f ms)", total(times) / 1_000_000,
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6);
    }

    private static long total(long[] times) {
        return Arrays.stream(times).sum();
    }

    // --- helpers ---

    /** Sends {@code body} with the given header name, value pairs to {@code uri}; fails as the component failed. */
    private static Exchange send(String uri, Object body, Object... headers) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            values.put((String) headers[i], headers[i + 1]);
        }
        Exchange done = template.send(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(values);
        });
        if (done.getException() != null) {
            throw new IllegalStateException(done.getException());
        }
        return done;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static StoreLocation location(StoreFixture fixture, Map<String, String> parameters) {
        return StoreLocation.from(StoreKind.parse(fixture.label()), PlanParameters.of(parameters));
    }

    private static void writeRandom(ObjectUpload upload, long size) throws IOException {
        byte[] chunk = random(1 << 20);
        for (long written = 0; written < size; written += chunk.length) {
            chunk[0]++;
            upload.write(chunk, 0, (int) Math.min(chunk.length, size - written));
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        return bytes;
    }

    private static void say(String format, Object... arguments) {
        String line = String.format(format, arguments);
        System.out.println(line);
        report.println(line);
    }
}
