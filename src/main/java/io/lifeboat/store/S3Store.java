package io.lifeboat.store;

import io.lifeboat.claim.ConditionalObjects;
import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.StoreLocation.S3Location;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import org.apache.commons.io.function.IOConsumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * Snapshots in an S3 bucket: archives go up as multipart uploads, every call within its deadline. Downloads,
 * deletes and small writes of known length go through Camel's aws2-s3 endpoint on this store's client; what the
 * endpoint cannot do safely stays on the SDK (see docs/architecture.md, "Camel components and the SDK").
 */
public final class S3Store implements SnapshotStore, ConditionalObjects {

    private static final int MAX_PARTS = 10_000;
    private static final int HTTP_PRECONDITION_FAILED = 412;
    // Some S3-compatible servers answer a failed If-None-Match on a write with 304 instead of 412.
    private static final int HTTP_NOT_MODIFIED = 304;

    private final S3Location location;
    private final Clients clients;
    private final Transfers transfers;
    private final AwsRequestOverrideConfiguration quick;
    private final AwsRequestOverrideConfiguration transfer;
    private final StoreEndpoint endpoint;
    private final StoreEndpoint createOnly;

    /**
     * The clients of one store: one for every call, whose reads wait no longer than a stall; one for completing
     * multipart uploads, which may answer only after minutes.
     */
    public record Clients(S3Client calls, S3Client completions) implements AutoCloseable {
        @Override
        public void close() {
            calls.close();
            completions.close();
        }
    }

    public S3Store(S3Location location, Clients clients, Transfers transfers, CamelContext camel) {
        this.location = location;
        this.clients = clients;
        this.transfers = transfers;
        Deadlines deadlines = transfers.deadlines();
        this.quick = AwsRequestOverrideConfiguration.builder().apiCallTimeout(deadlines.call()).apiCallAttemptTimeout(deadlines.attempt())
                .build();
        // Parts and whole small uploads are watched for stalls; these are backstops over the calls client's quick defaults.
        this.transfer = AwsRequestOverrideConfiguration.builder().apiCallTimeout(Deadlines.TRANSFER_ATTEMPT)
                .apiCallAttemptTimeout(Deadlines.TRANSFER_ATTEMPT).build();
        // Requests built here (pojoRequest) keep their deadlines; the few the endpoint builds itself get the client's.
        this.endpoint = StoreEndpoint.withClient(camel,
                "aws2-s3://" + location.bucket() + "?autoCreateBucket=false&pojoRequest=true&amazonS3Client=", clients.calls());
        // Writes only if no object has the key (If-None-Match: *): how a claim or the manifest is taken.
        this.createOnly = StoreEndpoint.withClient(camel,
                "aws2-s3://" + location.bucket() + "?autoCreateBucket=false&conditionalWritesEnabled=true&amazonS3Client=", clients.calls());
    }

    public static Clients newClients(S3Location location, Deadlines deadlines) {
        ClientOverrideConfiguration quick = ClientOverrideConfiguration.builder()
                .apiCallTimeout(deadlines.call()).apiCallAttemptTimeout(deadlines.attempt()).build();
        return new Clients(newClient(location, deadlines.socket(), quick), newClient(location, Deadlines.COMPLETE, ClientOverrideConfiguration.builder().build()));
    }

    private static S3Client newClient(S3Location location, Duration socketTimeout, ClientOverrideConfiguration defaults) {
        S3ClientBuilder builder = S3Client.builder()
                .overrideConfiguration(defaults)
                .region(Region.of(location.region()))
                .credentialsProvider(credentials(location))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Deadlines.CONNECT)
                        .socketTimeout(socketTimeout)
                        .connectionAcquisitionTimeout(Deadlines.CONNECT)
                        .maxConnections(128))
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
        call(() -> clients.calls().headBucket(b -> b.bucket(location.bucket()).overrideConfiguration(quick)), "reach the bucket");
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        return absentIfMissing(() -> call(() -> clients.calls().headObject(b -> b.bucket(location.bucket()).key(key).overrideConfiguration(quick)),
                "read " + key).contentLength());
    }

    @Override
    public ObjectUpload upload(String key, int partsInFlight, long expectedBytes) {
        return new PartsUpload(key, transfers.atMost(partsInFlight), expectedBytes);
    }

    @Override
    public InputStream download(String key, int partsInFlight) throws IOException {
        GetObjectRequest request = GetObjectRequest.builder().bucket(location.bucket()).key(key).overrideConfiguration(quick).build();
        ResponseInputStream<?> object = call(() -> (ResponseInputStream<?>) endpoint.send(request,
                Map.of(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.getObject)).getBody(), "download " + key);
        return transfers.atMost(partsInFlight).readAhead(object, location.describe(), key, object::abort);
    }

    /** A small object of known length, written in one request. */
    @Override
    public void put(String key, byte[] bytes) throws IOException {
        call(() -> endpoint.send(bytes, Map.of(AWS2S3Constants.KEY, key, AWS2S3Constants.CONTENT_LENGTH, (long) bytes.length)),
                "write " + key);
    }

    @Override
    public byte[] read(String key) throws IOException {
        return call(() -> clients.calls().getObjectAsBytes(b -> b.bucket(location.bucket()).key(key).overrideConfiguration(quick)),
                "read " + key).asByteArray();
    }

    @Override
    public void forEach(String prefix, IOConsumer<StoredObject> each) throws IOException {
        pages(request -> request.prefix(prefix), page -> {
            for (S3Object object : page.contents()) {
                each.accept(new StoredObject(object.key(), object.size(), object.lastModified()));
            }
        });
    }

    @Override
    public List<String> folders() throws IOException {
        List<String> folders = new ArrayList<>();
        pages(request -> request.delimiter("/"),
                page -> page.commonPrefixes().forEach(folder -> folders.add(folder.prefix().substring(0, folder.prefix().length() - 1))));
        return folders.stream().sorted().toList();
    }

    /** Every page of a listing, each its own request (each bounded by the quick deadline), handed on as it comes. */
    private void pages(UnaryOperator<ListObjectsV2Request.Builder> listing, IOConsumer<ListObjectsV2Response> each) throws IOException {
        String token = null;
        do {
            String after = token;
            ListObjectsV2Response page = call(() -> clients.calls().listObjectsV2(b -> listing.apply(b.bucket(location.bucket()))
                    .continuationToken(after).overrideConfiguration(quick)), "list the bucket");
            each.accept(page);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    /** One DeleteObjects request: up to a thousand keys. */
    @Override
    public void deleteAll(List<String> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> objects = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
        // A thousand deletes in one request may take a while on a store that deletes one by one: the transfer deadline.
        DeleteObjectsResponse response = call(() -> clients.calls().deleteObjects(b -> b.bucket(location.bucket())
                .delete(d -> d.objects(objects).quiet(true)).overrideConfiguration(transfer)), "delete " + keys.size() + " objects");
        for (S3Error error : response.errors()) {
            if (!"NoSuchKey".equals(error.code())) {
                throw new StoreException(location.describe() + ": could not delete " + error.key() + ": " + error.message()
                        + " (" + error.code() + ")");
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        DeleteObjectRequest request = DeleteObjectRequest.builder().bucket(location.bucket()).key(key).overrideConfiguration(quick).build();
        call(() -> endpoint.send(request, Map.of(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.deleteObject,
                // The producer reads the key before it looks at the request it is given.
                AWS2S3Constants.KEY, key)), "delete " + key);
    }

    @Override
    public void abandonUnfinished(String prefix) throws IOException {
        List<MultipartUpload> unfinished = call(() -> clients.calls().listMultipartUploadsPaginator(b -> b.bucket(location.bucket())
                .prefix(prefix).overrideConfiguration(quick)).uploads().stream().toList(), "list unfinished uploads");
        for (MultipartUpload upload : unfinished) {
            call(() -> clients.calls().abortMultipartUpload(b -> b.bucket(location.bucket()).key(upload.key()).uploadId(upload.uploadId())
                    .overrideConfiguration(quick)), "abort the unfinished upload of " + upload.key());
        }
    }

    @Override
    public ConditionalObjects conditionalObjects() {
        return this;
    }

    @Override
    public Optional<String> create(String key, byte[] bytes) throws IOException {
        return unlessPreconditionFails(() -> call(() -> createOnly.send(bytes, Map.of(AWS2S3Constants.KEY, key,
                AWS2S3Constants.CONTENT_LENGTH, (long) bytes.length)).getHeader(AWS2S3Constants.E_TAG, String.class), "write " + key));
    }

    @Override
    public Optional<Versioned> readVersioned(String key) throws IOException {
        return absentIfMissing(() -> {
            var object = call(() -> clients.calls().getObjectAsBytes(b -> b.bucket(location.bucket()).key(key).overrideConfiguration(quick)),
                    "read " + key);
            return new Versioned(object.asByteArray(), object.response().eTag());
        });
    }

    @Override
    public Optional<String> replace(String key, byte[] bytes, String version) throws IOException {
        return unlessPreconditionFails(() -> call(() -> clients.calls().putObject(b -> b.bucket(location.bucket()).key(key).ifMatch(version)
                .overrideConfiguration(quick), RequestBody.fromBytes(bytes)), "write " + key).eTag());
    }

    /** Letting a claim go is quick or not at all: a store that stopped answering must not hold up the report of why. */
    @Override
    public void deleteIf(String key, String version) throws IOException {
        // DeleteObject's If-Match is recent in S3 and rare elsewhere: the version is compared first instead.
        Optional<String> current = absentIfMissing(() -> call(() -> clients.calls().headObject(b -> b.bucket(location.bucket()).key(key)
                .overrideConfiguration(o -> o.apiCallTimeout(Deadlines.ABORT))), "read " + key).eTag());
        if (current.isPresent() && current.get().equals(version)) {
            call(() -> clients.calls().deleteObject(b -> b.bucket(location.bucket()).key(key)
                    .overrideConfiguration(o -> o.apiCallTimeout(Deadlines.ABORT))), "delete " + key);
        }
    }

    @Override
    public void close() {
        endpoint.close();
        createOnly.close();
        clients.close();
    }

    private static <T> Optional<T> absentIfMissing(Absent.StoreCall<T> call) throws IOException {
        return Absent.when(cause -> cause instanceof NoSuchKeyException || cause instanceof S3Exception s3 && s3.statusCode() == 404, call);
    }

    private static <T> Optional<T> unlessPreconditionFails(Absent.StoreCall<T> call) throws IOException {
        return Absent.when(cause -> cause instanceof S3Exception s3
                && (s3.statusCode() == HTTP_PRECONDITION_FAILED || s3.statusCode() == HTTP_NOT_MODIFIED), call);
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
                    + (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? "HTTP error"
                    : e.awsErrorDetails().errorMessage()) + " (HTTP " + e.statusCode() + ")", e);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new StoreUnavailableException(location.describe() + ": could not " + what + ": the store did not answer in time", e);
        } catch (SdkException e) {
            throw StoreException.of(location.describe() + ": could not " + what + ": " + Failures.reason(e), e);
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }

    /** The ETag S3 gives an object completed from parts with these ETags, in order: the MD5 of their MD5s, and their count. */
    static String multipartETag(List<String> partETags) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        partETags.forEach(eTag -> md5.update(HexFormat.of().parseHex(eTag.replace("\"", ""))));
        return "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + partETags.size() + "\"";
    }

    /** An S3 multipart upload; aborted on failure so no orphaned parts keep costing storage. */
    private final class PartsUpload extends ChunkedUpload {

        // Parts finish in any order, on the transfer threads.
        private final Map<Integer, CompletedPart> parts = new ConcurrentSkipListMap<>();
        private volatile String uploadId;

        PartsUpload(String key, Transfers transfers, long expectedBytes) {
            super(location.describe(), key, transfers, MAX_PARTS, expectedBytes);
        }

        @Override
        protected void begin() throws IOException {
            uploadId = call(() -> clients.calls().createMultipartUpload(b -> b.bucket(location.bucket()).key(key())
                    .overrideConfiguration(quick)), "upload " + key()).uploadId();
        }

        @Override
        protected void sendChunk(int number, byte[] bytes, int length) throws IOException {
            String eTag = call(() -> clients.calls().uploadPart(b -> b.bucket(location.bucket()).key(key()).uploadId(uploadId)
                            .partNumber(number).contentLength((long) length).overrideConfiguration(transfer),
                    RequestBody.fromInputStream(body(bytes, length), length)), "upload " + key()).eTag();
            parts.put(number, CompletedPart.builder().partNumber(number).eTag(eTag).build());
        }

        /** The SDK retries a completion that timed out; a retry that finds the upload gone checks whether it completed. */
        @Override
        protected void commitChunks(int count) throws IOException {
            try {
                call(() -> clients.completions().completeMultipartUpload(b -> b.bucket(location.bucket()).key(key()).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts.values()))
                        .overrideConfiguration(o -> o.apiCallAttemptTimeout(Deadlines.COMPLETE))), "complete " + key());
            } catch (StoreException e) {
                if (!(e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) || !completedEarlier()) {
                    throw e;
                }
            }
        }

        /** The object carries this very upload's ETag: the MD5 of its parts' MD5s, and their count. */
        private boolean completedEarlier() throws IOException {
            Optional<String> stored = absentIfMissing(() -> call(() -> clients.calls().headObject(b -> b.bucket(location.bucket()).key(key())
                    .overrideConfiguration(quick)), "read " + key()).eTag());
            return stored.map(eTag -> eTag.equals(multipartETag(parts.values().stream().map(CompletedPart::eTag).toList()))).orElse(false);
        }

        @Override
        protected void discardChunks() throws IOException {
            call(() -> clients.calls().abortMultipartUpload(b -> b.bucket(location.bucket()).key(key()).uploadId(uploadId)
                    .overrideConfiguration(o -> o.apiCallTimeout(Deadlines.ABORT))), "abort the upload of " + key());
        }

        @Override
        protected void putWhole(byte[] bytes, int length) throws IOException {
            call(() -> clients.calls().putObject(b -> b.bucket(location.bucket()).key(key()).contentLength((long) length)
                    .overrideConfiguration(transfer), RequestBody.fromInputStream(body(bytes, length), length)), "upload " + key());
        }
    }
}
