package io.lifeboat.store;

import com.azure.core.exception.AzureException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.batch.BlobBatch;
import com.azure.storage.blob.batch.BlobBatchClient;
import com.azure.storage.blob.batch.BlobBatchClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.lifeboat.claim.ConditionalObjects;
import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.StoreLocation.AzureLocation;
import org.apache.camel.CamelContext;
import org.apache.camel.component.azure.storage.blob.BlobConstants;
import org.apache.camel.component.azure.storage.blob.BlobOperationsDefinition;
import org.apache.commons.io.function.IOConsumer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Snapshots in an Azure Blob container: archives go up as staged blocks, every call within its deadline.
 * Downloads, deletes and small writes of known length go through Camel's azure-storage-blob endpoint on this
 * store's client; what the endpoint cannot do safely stays on the SDK (see docs/architecture.md).
 */
public final class AzureBlobStore implements SnapshotStore, ConditionalObjects {

    private static final int MAX_BLOCKS = 50_000;
    private static final int MAX_BATCH = 256;
    // A dead store should fail in seconds, not after Azure's default backoff of minutes.
    private static final int MAX_TRIES = 3;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(4);

    private final AzureLocation location;
    private final BlobContainerClient container;
    private final Transfers transfers;
    private final Duration quick;
    private final StoreEndpoint endpoint;
    private final BlobBatchClient batches;

    public AzureBlobStore(AzureLocation location, BlobServiceClient service, Transfers transfers, CamelContext camel) {
        this.location = location;
        this.container = service.getBlobContainerClient(location.container());
        this.batches = new BlobBatchClientBuilder(service).buildClient();
        this.transfers = transfers;
        this.quick = transfers.deadlines().call();
        // The download stream is the caller's to close, after the exchange that opened it is long done.
        this.endpoint = StoreEndpoint.withClient(camel,
                "azure-storage-blob://" + location.account() + "/" + location.container() + "?closeStreamAfterRead=false&serviceClient=", service);
    }

    /** The client every Azure call of a plan uses. */
    public static BlobServiceClient newClient(AzureLocation location, Deadlines deadlines) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().endpoint(location.endpoint().toString())
                .httpClient(new NettyAsyncHttpClientBuilder()
                        .connectTimeout(Deadlines.CONNECT)
                        .writeTimeout(deadlines.socket())
                        .readTimeout(deadlines.socket())
                        // Waiting for an answer: long enough to commit a big blob; quicker calls carry their own timeout.
                        .responseTimeout(Deadlines.COMPLETE)
                        .build())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, MAX_TRIES, (int) Deadlines.TRANSFER_ATTEMPT.toSeconds(),
                        RETRY_DELAY.toMillis(), MAX_RETRY_DELAY.toMillis(), null));
        if (location.accountKey().isPresent()) {
            builder.credential(new StorageSharedKeyCredential(location.account(), location.accountKey().get().value()));
        } else {
            AzureLocation.ServicePrincipal principal = location.servicePrincipal().orElseThrow();
            builder.credential(new ClientSecretCredentialBuilder()
                    .clientId(principal.clientId())
                    .tenantId(principal.tenantId())
                    .clientSecret(principal.clientSecret().value())
                    .build());
        }
        return builder.buildClient();
    }

    @Override
    public AzureLocation location() {
        return location;
    }

    @Override
    public void checkReachable() throws IOException {
        if (!call(() -> container.existsWithResponse(quick, Context.NONE).getValue(), "reach the container")) {
            throw new StoreException("Azure container " + location.container() + " does not exist at " + location.endpoint());
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        return absentIfMissing(() -> call(() -> blob(key).getPropertiesWithResponse(null, quick, Context.NONE).getValue().getBlobSize(),
                "read " + key));
    }

    @Override
    public ObjectUpload upload(String key, int partsInFlight, long expectedBytes) {
        return new BlockUpload(blob(key).getBlockBlobClient(), transfers.atMost(partsInFlight), expectedBytes);
    }

    @Override
    public InputStream download(String key, int partsInFlight) throws IOException {
        InputStream object = call(() -> endpoint.send(null, Map.of(BlobConstants.BLOB_OPERATION, BlobOperationsDefinition.getBlob,
                BlobConstants.BLOB_NAME, key)).getBody(InputStream.class), "download " + key);
        return transfers.atMost(partsInFlight).readAhead(object, location.describe(), key, () -> closeQuietly(object));
    }

    /** A small object of known length, written in one request. */
    @Override
    public void put(String key, byte[] bytes) throws IOException {
        put(key, bytes, new BlobRequestConditions());
    }

    @Override
    public byte[] read(String key) throws IOException {
        return call(() -> blob(key).downloadContentWithResponse(null, null, quick, Context.NONE).getValue().toBytes(), "read " + key);
    }

    @Override
    public void forEach(String prefix, IOConsumer<StoredObject> each) throws IOException {
        Iterator<PagedResponse<BlobItem>> pages = call(() -> container.listBlobs(new ListBlobsOptions().setPrefix(prefix), quick)
                .iterableByPage().iterator(), "list the container");
        while (call(pages::hasNext, "list the container")) {
            for (BlobItem blob : call(pages::next, "list the container").getValue()) {
                each.accept(new StoredObject(blob.getName(), blob.getProperties().getContentLength(),
                        blob.getProperties().getLastModified().toInstant()));
            }
        }
    }

    @Override
    public List<String> folders() throws IOException {
        return call(() -> container.listBlobsByHierarchy("/", new ListBlobsOptions(), quick).stream()
                .filter(item -> Boolean.TRUE.equals(item.isPrefix()))
                .map(item -> item.getName().substring(0, item.getName().length() - 1))
                .sorted().toList(), "list the container");
    }

    /** Blob batches of at most 256 deletes each, the most Azure takes in one request. */
    @Override
    public void deleteAll(List<String> keys) throws IOException {
        for (int from = 0; from < keys.size(); from += MAX_BATCH) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_BATCH));
            BlobBatch batch = batches.getBlobBatch();
            List<Response<Void>> deletes = chunk.stream()
                    .map(key -> batch.deleteBlob(container.getBlobClient(key).getBlobUrl(), DeleteSnapshotsOptionType.INCLUDE, null)).toList();
            call(() -> batches.submitBatchWithResponse(batch, false, Deadlines.TRANSFER_ATTEMPT, Context.NONE), "delete " + chunk.size() + " blobs");
            for (int i = 0; i < deletes.size(); i++) {
                Response<Void> delete = deletes.get(i);
                String key = chunk.get(i);
                absentIfMissing(() -> call(delete::getStatusCode, "delete " + key));
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        absentIfMissing(() -> call(() -> endpoint.send(null, Map.of(BlobConstants.BLOB_OPERATION, BlobOperationsDefinition.deleteBlob,
                BlobConstants.BLOB_NAME, key, BlobConstants.DELETE_SNAPSHOT_OPTION_TYPE, DeleteSnapshotsOptionType.INCLUDE,
                BlobConstants.TIMEOUT, quick)), "delete " + key));
    }

    /** Blocks never committed are not visible as blobs and Azure discards them itself (after a week). */
    @Override
    public void abandonUnfinished(String prefix) {
    }

    @Override
    public ConditionalObjects conditionalObjects() {
        return this;
    }

    @Override
    public Optional<String> create(String key, byte[] bytes) throws IOException {
        return unlessConditionFails(() -> put(key, bytes, new BlobRequestConditions().setIfNoneMatch("*")));
    }

    @Override
    public Optional<Versioned> readVersioned(String key) throws IOException {
        return absentIfMissing(() -> call(() -> {
            var response = blob(key).downloadContentWithResponse(null, null, quick, Context.NONE);
            return new Versioned(response.getValue().toBytes(), response.getDeserializedHeaders().getETag());
        }, "read " + key));
    }

    @Override
    public Optional<String> replace(String key, byte[] bytes, String version) throws IOException {
        return unlessConditionFails(() -> put(key, bytes, new BlobRequestConditions().setIfMatch(version)));
    }

    @Override
    public void deleteIf(String key, String version) throws IOException {
        try {
            call(() -> blob(key).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, new BlobRequestConditions().setIfMatch(version),
                    Deadlines.ABORT, Context.NONE), "delete " + key);
        } catch (StoreException e) {
            if (!conditionNotMet(e.getCause())) {
                throw e;
            }
        }
    }

    /** Writes a small object in one request, under {@code conditions}; answers its new ETag. */
    private String put(String key, byte[] bytes, BlobRequestConditions conditions) throws StoreException {
        return call(() -> endpoint.send(bytes, Map.of(BlobConstants.BLOB_OPERATION, BlobOperationsDefinition.uploadBlockBlob,
                BlobConstants.BLOB_NAME, key, BlobConstants.BLOB_REQUEST_CONDITION, conditions, BlobConstants.TIMEOUT, quick))
                .getHeader(BlobConstants.E_TAG, String.class), "write " + key);
    }

    @Override
    public void close() {
        endpoint.close();
    }

    private BlobClient blob(String key) {
        return container.getBlobClient(key);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // Only dropping a connection that is failing anyway.
        }
    }

    private static <T> Optional<T> absentIfMissing(Absent.StoreCall<T> call) throws IOException {
        return Absent.when(cause -> cause instanceof BlobStorageException blob && blob.getStatusCode() == 404, call);
    }

    private static <T> Optional<T> unlessConditionFails(Absent.StoreCall<T> call) throws IOException {
        return Absent.when(AzureBlobStore::conditionNotMet, call);
    }

    private static boolean conditionNotMet(Throwable cause) {
        return cause instanceof BlobStorageException blob && (blob.getStatusCode() == 412
                || BlobErrorCode.BLOB_ALREADY_EXISTS.equals(blob.getErrorCode()) || BlobErrorCode.CONDITION_NOT_MET.equals(blob.getErrorCode()));
    }

    private <T> T call(AzureCall<T> call, String what) throws StoreException {
        try {
            return call.run();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            String reason = e instanceof BlobStorageException blob ? String.valueOf(blob.getErrorCode()) : e.getClass().getSimpleName();
            throw new StoreException(location.describe() + ": could not " + what + ": " + reason + " (HTTP " + status + ")", e);
        } catch (IllegalStateException e) {
            // The SDK's own deadline: a call given a timeout fails with a TimeoutException inside an IllegalStateException.
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                throw new StoreUnavailableException(location.describe() + ": could not " + what + ": the store did not answer in time", e);
            }
            throw StoreException.of(location.describe() + ": could not " + what + ": " + Failures.reason(e), e);
        } catch (AzureException | UncheckedIOException e) {
            throw StoreException.of(location.describe() + ": could not " + what + ": " + Failures.reason(e), e);
        }
    }

    @FunctionalInterface
    private interface AzureCall<T> {
        T run();
    }

    /** A block blob built from staged blocks; blocks never committed are discarded by Azure itself. */
    private final class BlockUpload extends ChunkedUpload {

        private final BlockBlobClient blob;

        BlockUpload(BlockBlobClient blob, Transfers transfers, long expectedBytes) {
            super(location.describe(), blob.getBlobName(), transfers, MAX_BLOCKS, expectedBytes);
            this.blob = blob;
        }

        @Override
        protected void begin() {
        }

        @Override
        protected void sendChunk(int number, byte[] bytes, int length) throws IOException {
            call(() -> blob.stageBlockWithResponse(blockId(number), body(bytes, length), length, null, null, Deadlines.TRANSFER_ATTEMPT,
                    Context.NONE), "upload " + key());
        }

        /** Committing the same block list again after a commit that did succeed gives the same blob: a retry is safe. */
        @Override
        protected void commitChunks(int count) throws IOException {
            List<String> blockIds = IntStream.rangeClosed(1, count).mapToObj(BlockUpload::blockId).toList();
            call(() -> blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blockIds), Deadlines.COMPLETE, Context.NONE),
                    "complete " + key());
        }

        /** Blocks never committed are discarded by Azure itself. */
        @Override
        protected void discardChunks() {
        }

        @Override
        protected void putWhole(byte[] bytes, int length) throws IOException {
            call(() -> blob.uploadWithResponse(body(bytes, length), length, null, null, null, null, null, Deadlines.TRANSFER_ATTEMPT,
                    Context.NONE), "upload " + key());
        }

        /** Block ids must all have the same length: a zero-padded number, base64 encoded. */
        private static String blockId(int number) {
            byte[] id = String.format("%08d", number).getBytes(StandardCharsets.US_ASCII);
            return Base64.getEncoder().encodeToString(id);
        }
    }
}
