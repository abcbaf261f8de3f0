package io.lifeboat.store;

import com.azure.core.exception.AzureException;
import com.azure.core.exception.HttpResponseException;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.lifeboat.store.StoreLocation.AzureLocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Snapshots in an Azure Blob container: archives go up as staged blocks, one block buffer at a time. */
public final class AzureBlobStore implements SnapshotStore {

    private static final int MAX_BLOCKS = 50_000;

    private final AzureLocation location;
    private final BlobContainerClient container;
    private final Transfers transfers;

    public AzureBlobStore(AzureLocation location, BlobServiceClient service, Transfers transfers) {
        this.location = location;
        this.container = service.getBlobContainerClient(location.container());
        this.transfers = transfers;
    }

    /** The client every Azure call of a plan uses (also bound for Camel's azure-storage-blob component). */
    public static BlobServiceClient newClient(AzureLocation location) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().endpoint(location.endpoint().toString());
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
        if (!call(container::exists, "reach the container")) {
            throw new StoreException("Azure container " + location.container() + " does not exist at " + location.endpoint());
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(call(() -> container.getBlobClient(key).getProperties().getBlobSize(), "read " + key));
        } catch (StoreException e) {
            if (e.getCause() instanceof BlobStorageException blob && blob.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public ObjectUpload upload(String key, int partsInFlight) {
        return new BlockUpload(container.getBlobClient(key).getBlockBlobClient(), transfers.atMost(partsInFlight));
    }

    @Override
    public InputStream download(String key) throws IOException {
        return transfers.readAhead(call(() -> container.getBlobClient(key).openInputStream(), "download " + key));
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        return call(() -> container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream()
                .map(blob -> new StoredObject(blob.getName(), blob.getProperties().getContentLength(),
                        blob.getProperties().getLastModified().toInstant()))
                .toList(), "list the container");
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> container.getBlobClient(key).deleteIfExists(), "delete " + key);
    }

    private <T> T call(AzureCall<T> call, String what) throws StoreException {
        try {
            return call.run();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            String reason = e instanceof BlobStorageException blob ? String.valueOf(blob.getErrorCode()) : e.getClass().getSimpleName();
            throw new StoreException(location.describe() + ": could not " + what + ": " + reason + " (HTTP " + status + ")", e);
        } catch (AzureException | java.io.UncheckedIOException e) {
            throw new StoreException(location.describe() + ": could not " + what + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface AzureCall<T> {
        T run();
    }

    /** A block blob built from staged blocks; blocks never committed are discarded by Azure itself. */
    private final class BlockUpload extends ChunkedUpload {

        private final BlockBlobClient blob;

        BlockUpload(BlockBlobClient blob, Transfers transfers) {
            super(blob.getBlobName(), transfers, MAX_BLOCKS);
            this.blob = blob;
        }

        @Override
        protected void begin() {
        }

        @Override
        protected void sendChunk(int number, byte[] bytes, int length) throws IOException {
            call(() -> {
                blob.stageBlock(blockId(number), new ByteArrayInputStream(bytes, 0, length), length);
                return null;
            }, "upload " + key());
        }

        @Override
        protected void commitChunks(int count) throws IOException {
            List<String> blockIds = IntStream.rangeClosed(1, count).mapToObj(BlockUpload::blockId).toList();
            call(() -> blob.commitBlockList(blockIds, true), "complete " + key());
        }

        /** Blocks never committed are discarded by Azure itself. */
        @Override
        protected void discardChunks() {
        }

        @Override
        protected void putWhole(byte[] bytes, int length) throws IOException {
            call(() -> blob.upload(new ByteArrayInputStream(bytes, 0, length), length, true), "upload " + key());
        }

        /** Block ids must all have the same length: a zero-padded number, base64 encoded. */
        private static String blockId(int number) {
            byte[] id = String.format("%08d", number).getBytes(StandardCharsets.US_ASCII);
            return Base64.getEncoder().encodeToString(id);
        }
    }
}
