package io.lifeboat.testing;

import static io.lifeboat.testing.FaultAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Proves that a private S3Mock or Azurite hangs when frozen, answers when thawed, refuses when killed and comes back. */
class StoreServerIT {

    /** Ample for an idle server to answer a HEAD on a busy machine; what a frozen one is waited for. */
    private static final Duration IMPATIENCE = Duration.ofSeconds(3);

    @Test
    void s3MockHangsWhenFrozenAndRefusesWhenKilled(@TempDir Path workDir) {
        try (S3MockServer server = StoreServer.s3Mock(workDir);
                S3Client impatient = S3MockServer.newClient(server.endpoint(), IMPATIENCE)) {
            server.createBucket("faults");

            server.freeze();
            assertThrows(ApiCallTimeoutException.class, () -> impatient.headBucket(b -> b.bucket("faults")));
            server.thaw();
            assertTrue(server.client().headBucket(b -> b.bucket("faults")).sdkHttpResponse().isSuccessful());

            server.kill();
            assertRefused(() -> {
                try (S3Client fresh = S3MockServer.newClient(server.endpoint(), IMPATIENCE)) {
                    fresh.headBucket(b -> b.bucket("faults"));
                }
            });

            server.restart();
            // Same port, so the client made before still reaches it; its store starts empty.
            S3Exception gone = assertThrows(S3Exception.class, () -> server.client().headBucket(b -> b.bucket("faults")));
            assertEquals(404, gone.statusCode());
            server.createBucket("faults");
            assertTrue(server.client().headBucket(b -> b.bucket("faults")).sdkHttpResponse().isSuccessful());
        }
    }

    @Test
    void azuriteHangsWhenFrozenAndRefusesWhenKilled(@TempDir Path workDir) {
        try (AzuriteServer server = StoreServer.azurite(workDir)) {
            BlobContainerClient container = server.createContainer("faults");
            BlobContainerClient impatient = AzuriteServer.newClient(server.endpoint(), IMPATIENCE)
                    .getBlobContainerClient("faults");

            server.freeze();
            RuntimeException hung = assertThrows(RuntimeException.class, impatient::getProperties);
            assertInstanceOf(TimeoutException.class, hung.getCause(), hung::toString);
            server.thaw();
            assertTrue(container.exists());

            server.kill();
            assertRefused(() -> AzuriteServer.newClient(server.endpoint(), IMPATIENCE)
                    .getBlobContainerClient("faults").exists());

            server.restart();
            assertFalse(container.exists());
            server.createContainer("faults");
            assertTrue(container.exists());
        }
    }

    @Test
    void closeStopsAFrozenServerPolitely(@TempDir Path workDir) throws IOException {
        S3MockServer server = StoreServer.s3Mock(workDir);
        server.freeze();
        server.close();
        // A frozen process still has its socket accepting; only a process that is gone makes the kernel refuse.
        assertRefused(() -> new Socket(TestProcesses.LOOPBACK, server.port()).close());
        // S3Mock removes its store when it stops on SIGTERM, which a frozen process could not have acted on.
        try (Stream<Path> left = Files.list(workDir)) {
            assertEquals(List.of("s3mock.log"), left.map(file -> file.getFileName().toString()).toList());
        }
    }
}
