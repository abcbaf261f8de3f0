package io.lifeboat.testing;

import com.azure.storage.blob.BlobContainerClient;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One of the three stores as a test sees it: the parameters of its plans, and raw access to its objects. */
public enum StoreFixture {
    S3("s3"), AZURE("azure"), LOCAL("local");

    private static final AtomicInteger NEXT = new AtomicInteger();

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

    /** A fresh, empty bucket, container or directory, and the parameters that reach it. */
    public Map<String, String> newStore(Path scratch) throws IOException {
        String name = "lifeboat-" + label + "-" + NEXT.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        Map<String, String> parameters = new HashMap<>();
        switch (this) {
            case S3 -> {
                TestServers.createBucket(name);
                parameters.put("S3_BUCKET_NAME", name);
                parameters.put("AWS_REGION", "us-east-1");
                parameters.put("AWS_ACCESS_KEY_ID", "test-key-id");
                parameters.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
                parameters.put("AWS_ENDPOINT_URL", TestServers.s3Endpoint());
            }
            case AZURE -> {
                TestServers.createContainer(name);
                parameters.put("AZURE_STORAGE_ACCOUNT", TestServers.AZURITE_ACCOUNT);
                parameters.put("AZURE_STORAGE_KEY", TestServers.AZURITE_KEY);
                parameters.put("CONTAINER_NAME", name);
                parameters.put("AZURE_BLOB_ENDPOINT", TestServers.azureBlobEndpoint());
            }
            case LOCAL -> parameters.put("BACKUP_DIR", Files.createDirectories(scratch.resolve(name)).toString());
        }
        return parameters;
    }

    /** A fresh store's parameters plus SNAPSHOT_NAME and {@code extra} NAME, VALUE pairs: a plan's whole -p list. */
    public Map<String, String> planParameters(Path scratch, String snapshot, String... extra) throws IOException {
        Map<String, String> parameters = newStore(scratch);
        parameters.put("SNAPSHOT_NAME", snapshot);
        for (int i = 0; i < extra.length; i += 2) {
            parameters.put(extra[i], extra[i + 1]);
        }
        return parameters;
    }

    public byte[] read(Map<String, String> store, String key) throws IOException {
        return switch (this) {
            case S3 -> TestServers.s3Client().getObjectAsBytes(b -> b.bucket(store.get("S3_BUCKET_NAME")).key(key)).asByteArray();
            case AZURE -> container(store).getBlobClient(key).downloadContent().toBytes();
            case LOCAL -> Files.readAllBytes(Path.of(store.get("BACKUP_DIR")).resolve(key));
        };
    }

    public void write(Map<String, String> store, String key, byte[] bytes) throws IOException {
        switch (this) {
            case S3 -> TestServers.s3Client().putObject(b -> b.bucket(store.get("S3_BUCKET_NAME")).key(key), RequestBody.fromBytes(bytes));
            case AZURE -> container(store).getBlobClient(key).upload(com.azure.core.util.BinaryData.fromBytes(bytes), true);
            case LOCAL -> {
                Path file = Path.of(store.get("BACKUP_DIR")).resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            }
        }
    }

    /** Every key in the store, sorted. */
    public List<String> keys(Map<String, String> store) throws IOException {
        return switch (this) {
            case S3 -> TestServers.s3Client().listObjectsV2Paginator(b -> b.bucket(store.get("S3_BUCKET_NAME"))).contents().stream()
                    .map(object -> object.key()).sorted().toList();
            case AZURE -> container(store).listBlobs().stream().map(blob -> blob.getName()).sorted().toList();
            case LOCAL -> {
                Path root = Path.of(store.get("BACKUP_DIR"));
                try (var files = Files.walk(root)) {
                    yield files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
                }
            }
        };
    }

    private static BlobContainerClient container(Map<String, String> store) {
        return TestServers.blobServiceClient().getBlobContainerClient(store.get("CONTAINER_NAME"));
    }
}
