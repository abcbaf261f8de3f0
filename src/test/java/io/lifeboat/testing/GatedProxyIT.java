package io.lifeboat.testing;

import static io.lifeboat.testing.FaultAssertions.assertRefused;
import static io.lifeboat.testing.FaultAssertions.assertReset;
import static io.lifeboat.testing.GatedProxy.Direction.DOWNSTREAM;
import static io.lifeboat.testing.GatedProxy.Direction.UPSTREAM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Proves that {@link GatedProxy} holds a transfer at an exact byte count, lets it go on, and cuts it as a dying server would. */
class GatedProxyIT {

    private static final int MIB = 1024 * 1024;
    private static final String BUCKET = "proxied";
    /** How long a transfer may take on a slow machine; a healthy run waits far less. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    static Path workDir;

    private static S3MockServer server;

    @BeforeAll
    static void startServer() {
        server = StoreServer.s3Mock(workDir);
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void holdsAnUploadAtTheByteCountUntilReleased() throws Exception {
        byte[] data = randomBytes(20 * MIB, 1);
        try (GatedProxy proxy = GatedProxy.to(TestProcesses.LOOPBACK, server.port());
                S3Client viaProxy = S3MockServer.newClient(server.endpointThrough(proxy), PATIENCE)) {
            proxy.holdAfter(UPSTREAM, 5 * MIB);
            CompletableFuture<PutObjectResponse> upload = CompletableFuture.supplyAsync(
                    () -> viaProxy.putObject(b -> b.bucket(BUCKET).key("held.bin"), RequestBody.fromBytes(data)));

            proxy.awaitHeld(PATIENCE);
            assertEquals(5 * MIB, proxy.forwarded(UPSTREAM));
            // Held means held: the upload stays unfinished and not one byte more passes while we look.
            assertThrows(TimeoutException.class, () -> upload.get(1, TimeUnit.SECONDS));
            assertEquals(5 * MIB, proxy.forwarded(UPSTREAM));
            S3Exception absent = assertThrows(S3Exception.class,
                    () -> server.client().headObject(b -> b.bucket(BUCKET).key("held.bin")));
            assertEquals(404, absent.statusCode());

            proxy.release();
            upload.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertArrayEquals(data, server.client().getObjectAsBytes(b -> b.bucket(BUCKET).key("held.bin")).asByteArray());
        }
    }

    @Test
    void cutResetsADownloadInFlightAndRefusesNewConnections() throws Exception {
        byte[] data = randomBytes(20 * MIB, 2);
        server.client().putObject(b -> b.bucket(BUCKET).key("cut.bin"), RequestBody.fromBytes(data));
        try (GatedProxy proxy = GatedProxy.to(TestProcesses.LOOPBACK, server.port());
                S3Client viaProxy = S3MockServer.newClient(server.endpointThrough(proxy), PATIENCE)) {
            proxy.holdAfter(DOWNSTREAM, 5 * MIB);
            CompletableFuture<byte[]> download = CompletableFuture.supplyAsync(
                    () -> viaProxy.getObjectAsBytes(b -> b.bucket(BUCKET).key("cut.bin")).asByteArray());

            proxy.awaitHeld(PATIENCE);
            assertEquals(5 * MIB, proxy.forwarded(DOWNSTREAM));
            proxy.cut();

            assertReset(assertThrows(ExecutionException.class, () -> download.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)));
            assertRefused(() -> viaProxy.headBucket(b -> b.bucket(BUCKET)));
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
