package io.lifeboat.testing;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** JUnit 5 extension that runs real S3Mock and Azurite servers on free loopback ports, once per JVM. */
public final class TestServers implements BeforeAllCallback {

    /** Azurite's well-known development account. */
    public static final String AZURITE_ACCOUNT = "devstoreaccount1";

    /** Azurite's well-known development account key (public, not a secret). */
    public static final String AZURITE_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
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
        return current().s3Endpoint;
    }

    /** Azure Blob endpoint including the account, e.g. {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    public static String azureBlobEndpoint() {
        return current().blobEndpoint;
    }

    /** Shared S3 client for the S3Mock server (path-style, us-east-1, credentials test/test). */
    public static S3Client s3Client() {
        return current().s3Client;
    }

    /** Shared Blob service client for the Azurite server, using the development account key. */
    public static BlobServiceClient blobServiceClient() {
        return current().blobServiceClient;
    }

    /** Creates a bucket on S3Mock. */
    public static void createBucket(String name) {
        s3Client().createBucket(request -> request.bucket(name));
    }

    /** Creates a container on Azurite and returns its client. */
    public static BlobContainerClient createContainer(String name) {
        return blobServiceClient().createBlobContainer(name);
    }

    /** Builds an S3 client for S3Mock; request checksums only when required, as some servers reject them. */
    static S3Client newS3Client(String endpoint) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Builds a Blob service client for Azurite with the development account's shared key. */
    static BlobServiceClient newBlobServiceClient(String endpoint) {
        return new BlobServiceClientBuilder()
                .endpoint(endpoint)
                .credential(new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY))
                .buildClient();
    }

    private static Running current() {
        Running servers = running;
        if (servers == null) {
            throw new IllegalStateException("Servers not started: annotate the test class with "
                    + "@ExtendWith(TestServers.class)");
        }
        return servers;
    }

    /** The two server processes of one test run and the clients bound to them. */
    private static final class Running implements AutoCloseable {

        private final List<Process> processes;
        private final Thread shutdownHook;
        private final String s3Endpoint;
        private final String blobEndpoint;
        private final S3Client s3Client;
        private final BlobServiceClient blobServiceClient;

        private Running(List<Process> processes, Thread shutdownHook, String s3Endpoint, String blobEndpoint) {
            this.processes = processes;
            this.shutdownHook = shutdownHook;
            this.s3Endpoint = s3Endpoint;
            this.blobEndpoint = blobEndpoint;
            this.s3Client = newS3Client(s3Endpoint);
            this.blobServiceClient = newBlobServiceClient(blobEndpoint);
        }

        static Running start() {
            Path buildDir = Path.of(System.getProperty("lifeboat.build.directory", "target")).toAbsolutePath();
            Path serversDir = buildDir.resolve("servers");
            int[] ports = TestProcesses.freePorts(2);
            String s3Endpoint = "http://" + LOOPBACK + ":" + ports[0];
            String blobEndpoint = "http://" + LOOPBACK + ":" + ports[1] + "/" + AZURITE_ACCOUNT;
            List<Process> processes = new CopyOnWriteArrayList<>();
            // Safety net: a JVM that exits without closing the store must not leave servers behind.
            Thread shutdownHook = new Thread(() -> stopAll(processes), "test-servers-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            try {
                // Launch both before waiting for either, so their start-up times overlap.
                Process s3mock = launch(s3MockCommand(serversDir, ports[0]), serversDir, "s3mock");
                processes.add(s3mock);
                Process azurite = launch(azuriteCommand(buildDir, ports[1]), serversDir, "azurite");
                processes.add(azurite);
                awaitHttp("S3Mock", s3mock, s3Endpoint, serversDir.resolve("s3mock.log"));
                awaitHttp("Azurite", azurite, blobEndpoint, serversDir.resolve("azurite.log"));
                Running servers = new Running(processes, shutdownHook, s3Endpoint, blobEndpoint);
                running = servers;
                return servers;
            } catch (RuntimeException | Error e) {
                stopAll(processes);
                TestProcesses.removeShutdownHook(shutdownHook);
                throw e;
            }
        }

        @Override
        public void close() {
            running = null;
            s3Client.close();
            stopAll(processes);
            TestProcesses.removeShutdownHook(shutdownHook);
        }
    }

    /**
     * S3Mock's extra plain-HTTP connector (httpPort) has no bind-address option and listens on all
     * interfaces, so it gets a kernel-chosen port and stays unused; the main connector, bound to
     * loopback with TLS turned off, is the endpoint.
     */
    private static List<String> s3MockCommand(Path serversDir, int port) {
        Path storeRoot = TestProcesses.createTempDirectory(serversDir, "s3mock-store-");
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", serversDir.resolve("s3mock.jar").toString(),
                "--server.address=" + LOOPBACK,
                "--server.port=" + port,
                "--server.ssl.enabled=false",
                "--com.adobe.testing.s3mock.httpPort=0",
                "--com.adobe.testing.s3mock.store.root=" + storeRoot);
    }

    /** Azurite blob service only, in memory; the SDK's API version may be newer than Azurite knows. */
    private static List<String> azuriteCommand(Path buildDir, int port) {
        Path main = buildDir.resolve("azurite/node_modules/azurite/dist/src/blob/main.js");
        return List.of(
                "node", main.toString(),
                "--blobHost", LOOPBACK,
                "--blobPort", Integer.toString(port),
                "--inMemoryPersistence",
                "--disableTelemetry",
                "--silent",
                "--skipApiVersionCheck",
                "--loose");
    }

    private static Process launch(List<String> command, Path serversDir, String name) {
        Path log = serversDir.resolve(name + ".log");
        try {
            Files.createDirectories(serversDir);
            // The working directory keeps anything a server writes on its own under target/.
            return new ProcessBuilder(command)
                    .directory(serversDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Waits until the server answers any HTTP request; fails early if the process dies. */
    private static void awaitHttp(String name, Process process, String url, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw startFailure(name + " exited with code " + process.exitValue(), log);
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                TestProcesses.sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw startFailure("Interrupted while waiting for " + name, log);
            }
        }
        throw startFailure(name + " did not answer on " + url + " within " + START_TIMEOUT.toSeconds() + " s", log);
    }

    private static IllegalStateException startFailure(String message, Path log) {
        return new IllegalStateException(message + "; last lines of " + log + ":\n" + TestProcesses.tail(log));
    }


    /** Asks for polite termination first, so S3Mock removes its store, then forces. */
    private static void stopAll(List<Process> processes) {
        // Children first: once a parent is gone its orphans are no longer its descendants.
        processes.forEach(process -> process.descendants().forEach(ProcessHandle::destroy));
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Holds all sockets open until every port is chosen, so the ports are distinct. */
    /** A port nothing listens on at {@code host} right now. */
    public static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }





}
