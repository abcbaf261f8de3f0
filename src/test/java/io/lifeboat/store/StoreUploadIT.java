package io.lifeboat.store;

import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.kernel.StoreKind;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streamed uploads against the real servers: parts, single puts, and aborts that leave nothing behind; small
 * objects, downloads and deletes through Camel's storage endpoints.
 */
@ExtendWith(TestServers.class)
class StoreUploadIT {

    private static final int PART = 5 * 1024 * 1024;
    private static final ExecutorService POOL = Executors.newCachedThreadPool();
    private static CamelContext camel;

    @BeforeAll
    static void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stopCamel() throws Exception {
        camel.close();
    }

    @TempDir
    Path scratch;

    @ParameterizedTest
    @EnumSource(StoreFixture.class)
    void uploadsInPartsAndReadsBackTheSameBytes(StoreFixture fixture) throws IOException {
        Map<String, String> parameters = fixture.newStore(scratch);
        byte[] data = random(4 * PART + 12_345);
        try (SnapshotStore store = open(fixture, parameters); ObjectUpload upload = store.upload("snap/node-0.tar.gz")) {
            // Odd write sizes cross part boundaries in the middle of a write.
            for (int offset = 0; offset < data.length; offset += 777_777) {
                upload.write(data, offset, Math.min(777_777, data.length - offset));
            }
            upload.complete();
        }
        assertEquals(Sha256.of(data), Sha256.of(fixture.read(parameters, "snap/node-0.tar.gz")));
        try (SnapshotStore store = open(fixture, parameters)) {
            assertEquals(data.length, store.size("snap/node-0.tar.gz").orElseThrow());
            assertEquals(Sha256.of(data), Sha256.of(store.read("snap/node-0.tar.gz")));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreFixture.class)
    void anUploadClosedBeforeCompletionLeavesNoObject(StoreFixture fixture) throws IOException {
        Map<String, String> parameters = fixture.newStore(scratch);
        try (SnapshotStore store = open(fixture, parameters)) {
            try (ObjectUpload upload = store.upload("snap/node-0.tar.gz")) {
                upload.write(random(PART + 1000));
            }
            assertTrue(store.size("snap/node-0.tar.gz").isEmpty());
        }
        assertEquals(List.of(), fixture.keys(parameters));
        if (fixture == StoreFixture.S3) {
            assertEquals(List.of(), TestServers.s3Client().listMultipartUploads(b -> b.bucket(parameters.get("S3_BUCKET_NAME"))).uploads(),
                    "the multipart upload was aborted");
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = {"S3", "AZURE"})
    void smallObjectsDownloadsAndDeletesGoThroughCamelsEndpointAndKeepEveryByte(StoreFixture fixture) throws IOException {
        Map<String, String> parameters = fixture.newStore(scratch);
        byte[] schema = "CREATE KEYSPACE \"Ünïcode ks\" WITH replication = {};\n".getBytes(StandardCharsets.UTF_8);
        String key = "snap shot+1/schema (1).cql";
        String scheme = fixture == StoreFixture.S3 ? "aws2-s3:" : "azure-storage-blob:";
        try (SnapshotStore store = open(fixture, parameters)) {
            store.put(key, schema);
            assertArrayEquals(schema, fixture.read(parameters, key));
            try (InputStream download = store.download(key)) {
                assertArrayEquals(schema, download.readAllBytes());
            }
            assertTrue(store.putIfAbsent("snap shot+1/claim.json", schema));
            assertFalse(store.putIfAbsent("snap shot+1/claim.json", "another run".getBytes(StandardCharsets.UTF_8)),
                    "a create-only write refuses an existing object");
            assertArrayEquals(schema, fixture.read(parameters, "snap shot+1/claim.json"));
            store.delete("snap shot+1/claim.json");
            store.delete(key);
            store.delete(key);
            assertEquals(List.of(), fixture.keys(parameters));
            assertTrue(camel.getEndpoints().stream().anyMatch(endpoint -> endpoint.getEndpointUri().startsWith(scheme)),
                    "the store's calls went through Camel's endpoint: " + camel.getEndpoints());
        }
        assertTrue(camel.getEndpoints().stream().noneMatch(endpoint -> endpoint.getEndpointUri().startsWith(scheme)),
                "a closed store leaves no endpoint behind: " + camel.getEndpoints());
    }

    /** A retried completion that finds the upload gone knows it completed by this ETag: checked against a real server. */
    @Test
    void recognisesACompletedUploadByTheETagS3GivesIt() {
        String bucket = StoreFixture.S3.newStore(TestServers.s3Endpoint()).get("S3_BUCKET_NAME");
        S3Client s3 = TestServers.s3Client();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        List<String> eTags = new ArrayList<>();
        for (int part = 1; part <= 3; part++) {
            int number = part;
            eTags.add(s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(random(PART + number))).eTag());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(uploadId).multipartUpload(m -> m.parts(
                IntStream.range(0, 3).mapToObj(i -> CompletedPart.builder().partNumber(i + 1).eTag(eTags.get(i)).build()).toList())));

        assertEquals(s3.headObject(b -> b.bucket(bucket).key("k")).eTag(), S3Store.multipartETag(eTags));
    }

    private static SnapshotStore open(StoreFixture fixture, Map<String, String> parameters) {
        StoreKind kind = StoreKind.parse(fixture.label());
        // Three parts in flight: they finish out of order, and the object must still be whole and in order.
        return Stores.open(StoreLocation.from(kind, PlanParameters.of(parameters)), new Transfers(PART, 3, POOL, Deadlines.DEFAULT),
                camel);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(size);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
