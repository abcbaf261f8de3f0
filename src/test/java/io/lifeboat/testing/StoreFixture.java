package io.lifeboat.testing;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One of the three stores as a test sees it: the parameters of its plans, and raw access to its objects,
 * on the build's shared servers or on a test's own {@link StoreServer}.
 */
public enum StoreFixture {
    S3("s3"), AZURE("azure"), LOCAL("local");

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Map<String, S3Client> S3_CLIENTS = new ConcurrentHashMap<>();
    private static final Map<String, BlobServiceClient> AZURE_CLIENTS = new ConcurrentHashMap<>();

    private final String label;

    StoreFixture(String label) {
        this.label = label;
    }

    public String backupPlan() {
        return "backup-" + label;
    }

    public String restorePlan() {
        return "restore-" + label;
    }

    public String label() {
        return label;
    }

    /** A fresh, empty bucket, container or directory on the shared servers, and the parameters that reach it. */
    public Map<String, String> newStore(Path scratch) throws IOException {
        return switch (this) {
            case S3 -> newStore(TestServers.s3Endpoint());
            case AZURE -> newStore(TestServers.azureBlobEndpoint());
            case LOCAL -> new HashMap<>(Map.of("BACKUP_DIR", Files.createDirectories(scratch.resolve(uniqueName())).toString()));
        };
    }

    /** A fresh, empty bucket or container on the server at {@code endpoint} (S3 or Azure), and the parameters that reach it. */
    public Map<String, String> newStore(String endpoint) {
        String name = uniqueName();
        Map<String, String> parameters = new HashMap<>();
        switch (this) {
            case S3 -> {
                s3(endpoint).createBucket(b -> b.bucket(name));
                parameters.put("S3_BUCKET_NAME", name);
                parameters.put("AWS_REGION", "us-east-1");
                parameters.put("AWS_ACCESS_KEY_ID", "test-key-id");
                parameters.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
                parameters.put("AWS_ENDPOINT_URL", endpoint);
            }
            case AZURE -> {
                azure(endpoint).createBlobContainer(name);
                parameters.put("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT);
                parameters.put("AZURE_STORAGE_KEY", AzuriteServer.KEY);
                parameters.put("CONTAINER_NAME", name);
                parameters.put("AZURE_BLOB_ENDPOINT", endpoint);
            }
            case LOCAL -> throw new IllegalArgumentException("a local store has no server");
        }
        return parameters;
    }

    /** The same store reached through {@code proxy}: the endpoint's port is the proxy's. */
    public Map<String, String> through(Map<String, String> store, GatedProxy proxy) {
        Map<String, String> parameters = new HashMap<>(store);
        String key = endpointParameter();
        URI endpoint = URI.create(store.get(key));
        parameters.put(key, endpoint.getScheme() + "://" + endpoint.getHost() + ":" + proxy.port() + endpoint.getPath());
        return parameters;
    }

    /** A fresh store's parameters plus SNAPSHOT_NAME and {@code extra} NAME, VALUE pairs: a plan's whole -p list. */
    public Map<String, String> planParameters(Path scratch, String snapshot, String... extra) throws IOException {
        Map<String, String> parameters = new HashMap<>(newStore(scratch));
        parameters.put("SNAPSHOT_NAME", snapshot);
        for (int i = 0; i < extra.length; i += 2) {
            parameters.put(extra[i], extra[i + 1]);
        }
        return parameters;
    }

    public byte[] read(Map<String, String> store, String key) throws IOException {
        return switch (this) {
            case S3 -> s3(store).getObjectAsBytes(b -> b.bucket(store.get("S3_BUCKET_NAME")).key(key)).asByteArray();
            case AZURE -> container(store).getBlobClient(key).downloadContent().toBytes();
            case LOCAL -> Files.readAllBytes(Path.of(store.get("BACKUP_DIR")).resolve(key));
        };
    }

    public void write(Map<String, String> store, String key, byte[] bytes) throws IOException {
        switch (this) {
            case S3 -> s3(store).putObject(b -> b.bucket(store.get("S3_BUCKET_NAME")).key(key), RequestBody.fromBytes(bytes));
            case AZURE -> container(store).getBlobClient(key).upload(BinaryData.fromBytes(bytes), true);
            case LOCAL -> {
                Path file = Path.of(store.get("BACKUP_DIR")).resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            }
        }
    }

    public void delete(Map<String, String> store, String key) throws IOException {
        switch (this) {
            case S3 -> s3(store).deleteObject(b -> b.bucket(store.get("S3_BUCKET_NAME")).key(key));
            case AZURE -> container(store).getBlobClient(key).delete();
            case LOCAL -> Files.delete(Path.of(store.get("BACKUP_DIR")).resolve(key));
        }
    }

    /** Every key in the store, sorted. */
    public List<String> keys(Map<String, String> store) throws IOException {
        return switch (this) {
            case S3 -> s3(store).listObjectsV2Paginator(b -> b.bucket(store.get("S3_BUCKET_NAME"))).contents().stream()
                    .map(object -> object.key()).sorted().toList();
            case AZURE -> container(store).listBlobs().stream().map(blob -> blob.getName()).sorted().toList();
            case LOCAL -> {
                Path root = Path.of(store.get("BACKUP_DIR"));
                try (Stream<Path> files = Files.walk(root)) {
                    yield files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString())
                            .filter(key -> !key.endsWith(".partial")).sorted().toList();
                }
            }
        };
    }

    /**
     * What unfinished uploads left in the store, invisible as objects but stored all the same: S3 multipart
     * uploads never completed, Azure blobs of uncommitted blocks only, partial files of a directory.
     */
    public List<String> unfinishedUploads(Map<String, String> store) throws IOException {
        return switch (this) {
            case S3 -> s3(store).listMultipartUploadsPaginator(b -> b.bucket(store.get("S3_BUCKET_NAME"))).uploads().stream()
                    .map(upload -> upload.key()).sorted().toList();
            case AZURE -> container(store).listBlobs(new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveUncommittedBlobs(true)),
                    null).stream().filter(blob -> !keysOf(store).contains(blob.getName())).map(blob -> blob.getName()).sorted().toList();
            case LOCAL -> {
                Path root = Path.of(store.get("BACKUP_DIR"));
                try (Stream<Path> files = Files.walk(root)) {
                    yield files.map(file -> root.relativize(file).toString()).filter(key -> key.endsWith(".partial")).sorted().toList();
                }
            }
        };
    }

    private List<String> keysOf(Map<String, String> store) {
        try {
            return keys(store);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String endpointParameter() {
        return switch (this) {
            case S3 -> "AWS_ENDPOINT_URL";
            case AZURE -> "AZURE_BLOB_ENDPOINT";
            case LOCAL -> throw new IllegalArgumentException("a local store has no endpoint");
        };
    }

    private static String uniqueName() {
        return "lifeboat-" + NEXT.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    private static S3Client s3(Map<String, String> store) {
        return s3(store.get("AWS_ENDPOINT_URL"));
    }

    private static S3Client s3(String endpoint) {
        return S3_CLIENTS.computeIfAbsent(endpoint, S3MockServer::newClient);
    }

    private static BlobServiceClient azure(String endpoint) {
        return AZURE_CLIENTS.computeIfAbsent(endpoint, AzuriteServer::newClient);
    }

    private static BlobContainerClient container(Map<String, String> store) {
        return azure(store.get("AZURE_BLOB_ENDPOINT")).getBlobContainerClient(store.get("CONTAINER_NAME"));
    }
}
