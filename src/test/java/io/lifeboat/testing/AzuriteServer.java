package io.lifeboat.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A private Azurite (Azure Blob service, in memory) process and a client bound to it; see {@link StoreServer}. */
public final class AzuriteServer extends StoreServer {

    /** Azurite's well-known development account. */
    public static final String ACCOUNT = "devstoreaccount1";

    /** Azurite's well-known development account key (public, not a secret). */
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final BlobServiceClient client;

    AzuriteServer(Path workDir) {
        super("Azurite", workDir);
        this.client = newClient(endpoint());
    }

    /** A client bound to this server with the SDK's default timeouts and retries. */
    public BlobServiceClient client() {
        return client;
    }

    public BlobContainerClient createContainer(String name) {
        return client.createBlobContainer(name);
    }

    /** A client for Azurite at {@code endpoint} with the development account's shared key. */
    public static BlobServiceClient newClient(String endpoint) {
        return builder(endpoint).buildClient();
    }

    /**
     * As {@link #newClient(String)}, but each call is one try that gives up after {@code timeout}, so that
     * a test sees a fault as it is rather than a retry's outcome.
     */
    public static BlobServiceClient newClient(String endpoint, Duration timeout) {
        // The synchronous client does not apply the retry options' try timeout; the HTTP client's own does.
        return builder(endpoint)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, timeout, null, null, null))
                .httpClient(HttpClient.createDefault(new HttpClientOptions().setResponseTimeout(timeout).setReadTimeout(timeout)))
                .buildClient();
    }

    private static BlobServiceClientBuilder builder(String endpoint) {
        return new BlobServiceClientBuilder()
                .endpoint(endpoint)
                .credential(new StorageSharedKeyCredential(ACCOUNT, KEY));
    }

    /** The endpoint includes the account, e.g. {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    @Override
    String endpointAt(int port) {
        return "http://" + TestProcesses.LOOPBACK + ":" + port + "/" + ACCOUNT;
    }

    /** The blob service only, in memory; the SDK's API version may be newer than Azurite knows. */
    @Override
    List<String> command(Path workDir, int port) {
        Path main = TestProcesses.buildDirectory().resolve("azurite/node_modules/azurite/dist/src/blob/main.js");
        return List.of(
                "node", main.toString(),
                "--blobHost", TestProcesses.LOOPBACK,
                "--blobPort", Integer.toString(port),
                "--inMemoryPersistence",
                "--disableTelemetry",
                "--silent",
                "--skipApiVersionCheck",
                "--loose");
    }
}
