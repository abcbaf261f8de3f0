package io.lifeboat.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A private Adobe S3Mock process and a client bound to it; see {@link StoreServer}. */
public final class S3MockServer extends StoreServer {

    private final S3Client client;

    S3MockServer(Path workDir) {
        super("S3Mock", workDir);
        this.client = newClient(endpoint());
    }

    /** A client bound to this server with the SDK's default timeouts and retries; closed with the server. */
    public S3Client client() {
        return client;
    }

    public void createBucket(String name) {
        client.createBucket(request -> request.bucket(name));
    }

    /** A client for S3Mock at {@code endpoint}: path-style, us-east-1, credentials test/test. */
    public static S3Client newClient(String endpoint) {
        return builder(endpoint).build();
    }

    /**
     * As {@link #newClient(String)}, but each call is one try that gives up after {@code timeout}, so that
     * a test sees a fault as it is rather than a retry's outcome.
     */
    public static S3Client newClient(String endpoint, Duration timeout) {
        return builder(endpoint)
                .overrideConfiguration(config -> config.apiCallTimeout(timeout).retryStrategy(retry -> retry.maxAttempts(1)))
                .build();
    }

    /** Request checksums only when required, as some S3-compatible servers reject them. */
    private static S3ClientBuilder builder(String endpoint) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    @Override
    String endpointAt(int port) {
        return "http://" + TestProcesses.LOOPBACK + ":" + port;
    }

    /**
     * S3Mock's extra plain-HTTP connector (httpPort) has no bind-address option and listens on all
     * interfaces, so it gets a kernel-chosen port and stays unused; the main connector, bound to
     * loopback with TLS turned off, is the endpoint. Each start gets a new, empty store folder.
     */
    @Override
    List<String> command(Path workDir, int port) {
        Path storeRoot = TestProcesses.createTempDirectory(workDir, "s3mock-store-");
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TestProcesses.buildDirectory().resolve("servers/s3mock.jar").toString(),
                "--server.address=" + TestProcesses.LOOPBACK,
                "--server.port=" + port,
                "--server.ssl.enabled=false",
                "--com.adobe.testing.s3mock.httpPort=0",
                "--com.adobe.testing.s3mock.store.root=" + storeRoot);
    }

    @Override
    public void close() {
        client.close();
        super.close();
    }
}
