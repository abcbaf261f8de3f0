package io.lifeboat.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.blob.specialized.BlobInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** Proves that the S3Mock and Azurite servers started by {@link TestServers} take multi-part uploads. */
@ExtendWith(TestServers.class)
class ServerSmokeIT {

    private static final int MIB = 1024 * 1024;

    @Test
    void s3MockTakesMultipartUpload() {
        String bucket = "servers-it";
        String key = "parts/object.bin";
        byte[] first = randomBytes(5 * MIB, 1);
        byte[] second = randomBytes(1024, 2);
        TestServers.createBucket(bucket);
        S3Client s3 = TestServers.s3Client();

        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        CompletedPart part1 = uploadPart(s3, bucket, key, uploadId, 1, first);
        CompletedPart part2 = uploadPart(s3, bucket, key, uploadId, 2, second);
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(part1, part2)));

        byte[] stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        assertArrayEquals(concat(first, second), stored);
    }

    @Test
    void azuriteTakesBlockList() throws IOException {
        byte[] first = randomBytes(5 * MIB, 3);
        byte[] second = randomBytes(1024, 4);
        BlockBlobClient blob = TestServers.createContainer("servers-it")
                .getBlobClient("blocks/object.bin")
                .getBlockBlobClient();

        String block1 = blockId(1);
        String block2 = blockId(2);
        blob.stageBlock(block1, new ByteArrayInputStream(first), first.length);
        blob.stageBlock(block2, new ByteArrayInputStream(second), second.length);
        blob.commitBlockList(List.of(block1, block2));

        try (BlobInputStream in = blob.openInputStream()) {
            assertArrayEquals(concat(first, second), in.readAllBytes());
        }
    }

    @Test
    void endpointsStayOnLoopback() {
        assertTrue(TestServers.s3Endpoint().startsWith("http://127.0.0.1:"), TestServers.s3Endpoint());
        assertTrue(TestServers.azureBlobEndpoint().startsWith("http://127.0.0.1:"), TestServers.azureBlobEndpoint());
        assertTrue(TestServers.azureBlobEndpoint().endsWith("/" + TestServers.AZURITE_ACCOUNT));
    }

    private static CompletedPart uploadPart(S3Client s3, String bucket, String key, String uploadId,
            int number, byte[] data) {
        String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(data)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** Block ids must be Base64 and of equal length within one blob. */
    private static String blockId(int number) {
        byte[] id = String.format("block-%06d", number).getBytes(StandardCharsets.US_ASCII);
        return Base64.getEncoder().encodeToString(id);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
