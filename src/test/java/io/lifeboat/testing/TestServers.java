package io.lifeboat.testing;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** JUnit 5 extension that runs real S3Mock and Azurite servers on free loopback ports, once per JVM. */
public final class TestServers implements BeforeAllCallback {

    /** Azurite's well-known development account. */
    public static final String AZURITE_ACCOUNT = AzuriteServer.ACCOUNT;

    /** Azurite's well-known development account key (public, not a secret). */
    public static final String AZURITE_KEY = AzuriteServer.KEY;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestServers.class);

    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store outlives every test class and closes its values when the run ends.
        context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    /** S3 endpoint, e.g. {@code http://127.0.0.1:PORT}. */
    public static String s3Endpoint() {
        return current().s3.endpoint();
    }

    /** Azure Blob endpoint including the account, e.g. {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    public static String azureBlobEndpoint() {
        return current().azurite.endpoint();
    }

    /** Shared S3 client for the S3Mock server (path-style, us-east-1, credentials test/test). */
    public static S3Client s3Client() {
        return current().s3.client();
    }

    /** Shared Blob service client for the Azurite server, using the development account key. */
    public static BlobServiceClient blobServiceClient() {
        return current().azurite.client();
    }

    /** Creates a bucket on S3Mock. */
    public static void createBucket(String name) {
        current().s3.createBucket(name);
    }

    /** Creates a container on Azurite and returns its client. */
    public static BlobContainerClient createContainer(String name) {
        return current().azurite.createContainer(name);
    }

    /** A port nothing listens on at {@code host} right now. */
    public static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    private static Running current() {
        Running servers = running;
        if (servers == null) {
            throw new IllegalStateException("Servers not started: annotate the test class with "
                    + "@ExtendWith(TestServers.class)");
        }
        return servers;
    }

    /** The two servers of one test run; their logs are {@code target/servers/s3mock.log} and {@code azurite.log}. */
    private record Running(S3MockServer s3, AzuriteServer azurite) implements AutoCloseable {

        static Running start() {
            Path serversDir = TestProcesses.buildDirectory().resolve("servers");
            S3MockServer s3 = new S3MockServer(serversDir);
            AzuriteServer azurite = new AzuriteServer(serversDir);
            StoreServer.startTogether(s3, azurite);
            running = new Running(s3, azurite);
            return running;
        }

        @Override
        public void close() {
            running = null;
            s3.close();
            azurite.close();
        }
    }
}
