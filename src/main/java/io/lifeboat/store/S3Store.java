package io.lifeboat.store;

import io.lifeboat.store.StoreLocation.S3Location;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Snapshots in an S3 bucket: archives go up as multipart uploads, one part buffer at a time. */
public final class S3Store implements SnapshotStore {

    private static final int MAX_PARTS = 10_000;

    private final S3Location location;
    private final S3Client client;
    private final Transfers transfers;

    public S3Store(S3Location location, S3Client client, Transfers transfers) {
        this.location = location;
        this.client = client;
        this.transfers = transfers;
    }

    /** The client every S3 call of a plan uses (also bound for Camel's aws2-s3 component). */
    public static S3Client newClient(S3Location location) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(location.region()))
                .credentialsProvider(credentials(location))
                // Lifeboat keeps its own SHA-256 of every object; some S3-compatible servers reject the SDK's CRC headers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        location.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true)
                // Over plain http the SDK would sign each part as aws-chunked frames, which S3-compatible servers decode
                // slowly; one signature over the part (already in memory) is cheaper for both sides.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build()));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Location location) {
        if (location.accessKeyId().isPresent() && location.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    location.accessKeyId().get().value(), location.secretAccessKey().get().value()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public S3Location location() {
        return location;
    }

    @Override
    public void checkReachable() throws IOException {
        call(() -> client.headBucket(b -> b.bucket(location.bucket())), "reach the bucket");
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(call(() -> client.headObject(b -> b.bucket(location.bucket()).key(key)), "read " + key)
                    .contentLength());
        } catch (StoreException e) {
            if (e.getCause() instanceof NoSuchKeyException
                    || e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public ObjectUpload upload(String key, int partsInFlight) {
        return new MultipartUpload(key, transfers.atMost(partsInFlight));
    }

    @Override
    public InputStream download(String key) throws IOException {
        return transfers.readAhead(call(() -> client.getObject(b -> b.bucket(location.bucket()).key(key)), "download " + key));
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        return call(() -> client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix))
                .contents().stream()
                .map(object -> new StoredObject(object.key(), object.size(), object.lastModified()))
                .toList(), "list the bucket");
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> client.deleteObject(b -> b.bucket(location.bucket()).key(key)), "delete " + key);
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(SdkCall<T> call, String what) throws StoreException {
        try {
            return call.run();
        } catch (NoSuchBucketException e) {
            throw new StoreException("S3 bucket " + location.bucket() + " does not exist", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
                throw new StoreException("S3 bucket " + location.bucket() + " does not exist", e);
            }
            throw new StoreException(location.describe() + ": could not " + what + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
                    + " (HTTP " + e.statusCode() + ")", e);
        } catch (SdkException e) {
            throw new StoreException(location.describe() + ": could not " + what + ": " + e.getMessage(), e);
        }
    }

    /** A request body over the part buffer without copying it; resettable, so the SDK can retry. */
    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromInputStream(new ByteArrayInputStream(bytes, 0, length), length);
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }

    /** An S3 multipart upload; aborted on failure so no orphaned parts keep costing storage. */
    private final class MultipartUpload extends ChunkedUpload {

        // Parts finish in any order, on the transfer threads.
        private final Map<Integer, CompletedPart> parts = new ConcurrentSkipListMap<>();
        private volatile String uploadId;

        MultipartUpload(String key, Transfers transfers) {
            super(key, transfers, MAX_PARTS);
        }

        @Override
        protected void begin() throws IOException {
            uploadId = call(() -> client.createMultipartUpload(b -> b.bucket(location.bucket()).key(key())), "upload " + key())
                    .uploadId();
        }

        @Override
        protected void sendChunk(int number, byte[] bytes, int length) throws IOException {
            String eTag = call(() -> client.uploadPart(b -> b.bucket(location.bucket()).key(key()).uploadId(uploadId)
                            .partNumber(number).contentLength((long) length),
                    body(bytes, length)), "upload " + key()).eTag();
            parts.put(number, CompletedPart.builder().partNumber(number).eTag(eTag).build());
        }

        @Override
        protected void commitChunks(int count) throws IOException {
            call(() -> client.completeMultipartUpload(b -> b.bucket(location.bucket()).key(key()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts.values()))), "complete " + key());
        }

        @Override
        protected void discardChunks() throws IOException {
            call(() -> client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key()).uploadId(uploadId)),
                    "abort the upload of " + key());
        }

        @Override
        protected void putWhole(byte[] bytes, int length) throws IOException {
            call(() -> client.putObject(b -> b.bucket(location.bucket()).key(key()).contentLength((long) length),
                    body(bytes, length)), "upload " + key());
        }
    }
}
