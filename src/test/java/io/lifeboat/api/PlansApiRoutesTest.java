package io.lifeboat.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.app.Configuration;
import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.plan.PlanErrorHandling;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.schedule.ScheduleTriggers;
import io.lifeboat.schedule.Schedules;
import io.lifeboat.service.PlanService;
import io.lifeboat.testing.Eventually;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plans API over HTTP in this JVM, behind a plan runner the test holds: every status and JSON body the API
 * answers, and no request header or query parameter echoed back.
 */
@CamelMainTest
class PlansApiRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path scratch;
    private static Path cluster;
    private static Path backups;

    private final CountDownLatch release = new CountDownLatch(1);
    private PlanService plans;
    private String api;

    @BeforeAll
    static void writeCluster() throws IOException {
        cluster = TrickyCluster.write(scratch.resolve("cluster"), 1);
        backups = Files.createDirectories(scratch.resolve("backups"));
    }

    @Configure
    void serveTheApi(MainConfigurationProperties configuration) throws IOException {
        int port = TestServers.freePort("127.0.0.1");
        api = "http://127.0.0.1:" + port + "/v1";
        plans = new PlanService(this::runUntilReleased, LifeboatSettings.DEFAULTS, cluster, Map.of());
        configuration.httpServer().withEnabled(true).withHost("127.0.0.1").withPort(port);
        configuration.addRoutesBuilder(new PlanErrorHandling());
        configuration.addRoutesBuilder(new ApiErrorHandling());
        configuration.addRoutesBuilder(new PlansApiRoutes(plans, new ScheduleTriggers(Schedules.from(Configuration.of(new Properties(), Map.of())), () -> null), Map.of(),
                Deadlines.DEFAULT));
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                rest("/test").get("/unexpected").to("direct:api-unexpected");
                from("direct:api-unexpected").routeId("api-unexpected").routeConfigurationId(ApiErrorHandling.ID)
                        .throwException(new IllegalStateException("a bug\n\tat io.lifeboat.Somewhere"));
            }
        });
    }

    @AfterEach
    void endTheRun() throws InterruptedException {
        release.countDown();
        plans.shutdown(Duration.ofSeconds(10));
    }

    @Test
    void listsEveryPlanAsPendingUntilItRuns() throws Exception {
        HttpResponse<String> listed = get("/plans");

        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("application/json", listed.headers().firstValue("Content-Type").orElse(""));
        assertEquals(json("{\"plan\": \"backup-s3\", \"state\": \"PENDING\", \"lastRun\": null}"), json(listed.body()).path("plans").get(0));
        assertEquals(6, json(listed.body()).path("plans").size());
    }

    @Test
    void aPlanThatHasNotRunIsPendingAndAnUnknownOneIs404() throws Exception {
        HttpResponse<String> pending = get("/plans/restore-local");
        HttpResponse<String> unknown = get("/plans/backup-nowhere");

        assertEquals(200, pending.statusCode(), pending.body());
        assertEquals(json("{\"id\": null, \"plan\": \"restore-local\", \"snapshot\": null, \"trigger\": null, \"state\": \"PENDING\","
                + " \"startedAt\": null, \"endedAt\": null, \"error\": null, \"phases\": [{\"name\": \"check\", \"state\": \"PENDING\"},"
                + " {\"name\": \"restore-nodes\", \"state\": \"PENDING\"}, {\"name\": \"load-keyspaces\", \"state\": \"PENDING\"},"
                + " {\"name\": \"clean-up\", \"state\": \"PENDING\"}],"
                + " \"steps\": [], \"notes\": []}"), json(pending.body()));
        assertRefused(404, "{\"error\": \"no plan 'backup-nowhere'\"}", unknown);
        assertRefused(404, "{\"error\": \"no plan 'backup-nowhere'\"}", post("/plans/backup-nowhere/start", "{}"));
        assertRefused(404, "{\"error\": \"no plan 'backup-nowhere'\"}", post("/plans/backup-nowhere/stop", null));
    }

    @Test
    void aStartIs202ASecondPlanIs409AndAStopIs202ThenTheRunEndsInterrupted() throws Exception {
        HttpResponse<String> started = post("/plans/backup-local/start", startBody("via-rest"));
        assertEquals(202, started.statusCode(), started.body());
        assertEquals("backup-local", json(started.body()).path("plan").asText());
        assertEquals("via-rest", json(started.body()).path("snapshot").asText());
        assertEquals("rest", json(started.body()).path("trigger").asText());
        Eventually.await(Duration.ofSeconds(10), "the run is in progress", () -> state("backup-local").equals("IN_PROGRESS"));
        assertTrue(json(get("/plans/backup-local").body()).path("startedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:[\\d.]+Z"),
                "times are ISO-8601 text");

        HttpResponse<String> busy = post("/plans/restore-local/start", startBody("other"));
        assertEquals(409, busy.statusCode(), busy.body());
        assertTrue(json(busy.body()).path("error").asText().startsWith("plan backup-local is running on this cluster"), busy.body());
        assertRefused(409, "{\"error\": \"plan restore-local is not running\"}", post("/plans/restore-local/stop", null));

        HttpResponse<String> stopping = post("/plans/backup-local/stop", null);
        assertEquals(202, stopping.statusCode(), stopping.body());
        release.countDown();
        Eventually.await(Duration.ofSeconds(10), "the run is interrupted", () -> state("backup-local").equals("INTERRUPTED"));
        assertRefused(409, "{\"error\": \"plan backup-local is not running\"}", post("/plans/backup-local/stop", null));
    }

    @Test
    void aMissingMalformedOrUnknownParameterIs400NamingIt() throws Exception {
        HttpResponse<String> missing = post("/plans/backup-local/start", "{\"BACKUP_DIR\": \"" + backups + "\"}");
        HttpResponse<String> malformed = post("/plans/backup-local/start", startBody("../up"));
        HttpResponse<String> unknown = post("/plans/backup-local/start", "{\"SNAPSHOT_NAME\": \"n\", \"BACKUP_DIR\": \"b\", \"COLOUR\": \"red\"}");

        assertEquals(400, missing.statusCode(), missing.body());
        assertEquals("SNAPSHOT_NAME", json(missing.body()).path("parameter").asText(), missing.body());
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals("SNAPSHOT_NAME", json(malformed.body()).path("parameter").asText(), malformed.body());
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("COLOUR", json(unknown.body()).path("parameter").asText(), unknown.body());
        assertEquals(2, json(unknown.body()).size(), "error and parameter only: " + unknown.body());
    }

    @Test
    void aBodyThatIsNotAJsonObjectOfStringsIs400() throws Exception {
        String refusal = JSON.writeValueAsString(Map.of("error", MalformedBodyException.MESSAGE));
        for (String body : new String[] {"[\"not an object\"]", "{\"SNAPSHOT_NAME\": 1}", "{\"SNAPSHOT_NAME\": {}}", "\"text\"", "{not json"}) {
            assertRefused(400, refusal, post("/plans/backup-local/start", body));
        }
    }

    @Test
    void aSecretInASnapshotsUrlIs400AndAStoreThatCannotBeListedIs502() throws Exception {
        HttpResponse<String> secret = get("/snapshots?store=s3&S3_BUCKET_NAME=b&AWS_REGION=r&AWS_SECRET_ACCESS_KEY=do-not-echo-42");
        Path notADirectory = Files.writeString(scratch.resolve("not-a-directory"), "");
        HttpResponse<String> unreachable = get("/snapshots?store=local&BACKUP_DIR=" + notADirectory);

        assertEquals(400, secret.statusCode(), secret.body());
        assertEquals("AWS_SECRET_ACCESS_KEY", json(secret.body()).path("parameter").asText());
        assertTrue(!secret.body().contains("do-not-echo-42") && !secret.headers().map().toString().contains("do-not-echo-42"), secret.toString());
        assertRefused(502, "{\"error\": \"BACKUP_DIR " + notADirectory + " is not a directory\"}", unreachable);
    }

    @Test
    void theSnapshotsOfAStoreAre200() throws Exception {
        Files.createDirectories(backups.resolve("half-written"));
        Files.writeString(backups.resolve("half-written/node-0.tar.gz"), "partial");

        HttpResponse<String> listed = get("/snapshots?BACKUP_DIR=" + backups);

        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("store", json(listed.body()).fieldNames().next(), listed.body());
        assertEquals(json("{\"snapshot\": \"half-written\", \"state\": \"incomplete\", \"mode\": null, \"completedAt\": null, \"nodes\": 1, \"bytes\": 7, \"keyId\": null}"),
                json(listed.body()).path("snapshots").get(0));
    }

    @Test
    void anUnexpectedFailureIs500InOneLine() throws Exception {
        HttpResponse<String> failed = send(HttpRequest.newBuilder(URI.create(api.replace("/v1", "/test/unexpected"))).GET());

        assertRefused(500, "{\"error\": \"a bug\"}", failed);
    }

    @Test
    void noRequestHeaderNorQueryParameterIsEchoedBack() throws Exception {
        Set<String> written = Set.of(":status", "content-type", "content-length", "transfer-encoding");
        for (HttpResponse<String> answer : List.of(
                send(request("/plans?echo=marker-q").header("X-Echo", "marker-h").GET()),
                send(request("/plans/nowhere?echo=marker-q").header("X-Echo", "marker-h").GET()),
                send(request("/plans/backup-local/start?echo=marker-q").header("X-Echo", "marker-h")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json"))),
                send(request("/plans/backup-local/start?echo=marker-q").header("X-Echo", "marker-h")
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))))) {
            assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""), answer.toString());
            assertTrue(written.containsAll(answer.headers().map().keySet()), answer + ": " + answer.headers().map());
        }
    }

    private PlanResult runUntilReleased(PlanRequest request, RunProgress progress) {
        progress.started();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (progress.stopRequested()) {
            progress.failed("the plan was stopped before it completed");
            progress.throwIfStopRequested();
        }
        progress.completed();
        return new PlanResult(request.plan(), request.snapshot(), "test", 1, 0, 0, 0, Duration.ZERO);
    }

    private String startBody(String snapshot) throws IOException {
        return JSON.writeValueAsString(Map.of("SNAPSHOT_NAME", snapshot, "BACKUP_DIR", backups.toString()));
    }

    private String state(String plan) throws Exception {
        return json(get("/plans/" + plan).body()).path("state").asText();
    }

    private static void assertRefused(int status, String expected, HttpResponse<String> answer) throws IOException {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""), answer.toString());
        assertEquals(json(expected), json(answer.body()));
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
