package io.lifeboat;

import io.lifeboat.testing.Eventually;
import io.lifeboat.testing.Http;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./lifeboat serve} as its own process with the repository's config/ and routes/, logging at DEBUG:
 * SIGTERM during a backup interrupts it cleanly, and the secret it was given shows up nowhere.
 */
@ExtendWith(TestServers.class)
class ServeProcessIT {

    private static final String SECRET = "aws-secret-for-the-service-5521";

    @TempDir
    Path scratch;

    @Test
    void sigtermInterruptsARunningBackupCleanlyAndNoLogLineHoldsTheSecret() throws Exception {
        Path cluster = TrickyCluster.large(scratch.resolve("cluster"), 2, 96 * 1024 * 1024);
        Map<String, String> s3 = new HashMap<>(StoreFixture.S3.newStore(scratch));
        int port = TestServers.freePort("127.0.0.1");
        Path out = scratch.resolve("serve.out");
        Path err = scratch.resolve("serve.err");
        ProcessBuilder builder = new ProcessBuilder(Path.of("lifeboat").toAbsolutePath().toString(), "serve", "--cluster", cluster.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", "JAVA_HOME"));
        builder.environment().putAll(Map.of("LIFEBOAT_SERVER_PORT", String.valueOf(port), "LIFEBOAT_SHUTDOWN_GRACE_SECONDS", "1",
                "LIFEBOAT_SCHEDULE_NIGHTLY_ENABLED", "false", "LIFEBOAT_COMPRESSION_LEVEL", "1",
                "LIFEBOAT_JAVA_OPTS", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"));
        Process serve = builder.start();
        try {
            Eventually.await(Duration.ofSeconds(60), "the service listens", () -> Files.readString(out).contains("serving"));
            s3.put("SNAPSHOT_NAME", "interrupted-by-sigterm");
            s3.put("AWS_SECRET_ACCESS_KEY", SECRET);
            String api = "http://127.0.0.1:" + port + "/v1/plans/backup-s3";
            StringBuilder answers = new StringBuilder();

            Http.Response started = Http.post(api + "/start", Http.jsonObject(s3), null);
            answers.append(started.body());
            assertEquals(202, started.status(), started.body());
            Eventually.await(Duration.ofSeconds(30), "bytes flowing", () -> {
                Http.Response status = Http.get(api, null);
                answers.append(status.body());
                return status.json().path("steps").path(0).path("bytesDone").asLong() > 0;
            });

            serve.destroy();
            assertTrue(serve.waitFor(90, TimeUnit.SECONDS), "the service stops");

            String output = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(output.contains("lifeboat: stopped"), output.lines().limit(20).toList().toString());
            assertTrue(output.contains("INTERRUPTED"), "the run was logged as interrupted");
            assertFalse(StoreFixture.S3.keys(s3).contains("interrupted-by-sigterm/manifest.json"));
            assertEquals(List.of(), TestServers.s3Client().listMultipartUploads(b -> b.bucket(s3.get("S3_BUCKET_NAME"))).uploads());
            assertTrue(output.lines().count() > 100, "debug logging was on");
            assertFalse(output.contains(SECRET), "the secret is in the service's output");
            assertFalse(answers.toString().contains(SECRET), "the secret is in an API answer");
        } finally {
            serve.destroyForcibly();
        }
    }
}
