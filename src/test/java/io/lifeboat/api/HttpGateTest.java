package io.lifeboat.api;

import io.lifeboat.kernel.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gate in front of a real Vert.x HTTP server, as the service's server runs it. */
class HttpGateTest {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theApiAnswers503WhileTheServiceStartsOrStopsAndHealthAnswersAlways() throws Exception {
        HttpGate gate = new HttpGate(Optional.empty());
        serve(gate);

        assertEquals(503, get("/v1/plans", null).statusCode());
        assertEquals("1", get("/v1/plans", null).headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, get("/observe/health", null).statusCode());
        gate.open();
        assertEquals(200, get("/v1/plans", null).statusCode());
        gate.close();
        HttpResponse<String> stopping = get("/v1/plans", null);
        assertEquals(503, stopping.statusCode());
        assertEquals("{\"error\":\"Lifeboat is stopping\"}", stopping.body());
    }

    @Test
    void everyRequestNeedsTheTokenWhenOneIsSetFromTheFirst() throws Exception {
        HttpGate gate = new HttpGate(Optional.of(new Secret("s3cr3t")));
        serve(gate);

        assertEquals(401, get("/v1/plans", null).statusCode());
        assertEquals(401, get("/observe/health", null).statusCode());
        assertEquals(401, get("/v1/plans", "Bearer s3cr3t-not").statusCode());
        assertEquals(503, get("/v1/plans", "Bearer s3cr3t").statusCode());
        gate.open();
        assertEquals(401, get("/v1/plans", "Bearer S3CR3T").statusCode());
        assertEquals(200, get("/v1/plans", "Bearer s3cr3t").statusCode());
        assertEquals(200, get("/observe/health", "Bearer s3cr3t").statusCode());
    }

    private void serve(HttpGate gate) throws Exception {
        Router router = Router.router(vertx);
        router.route("/*").order(-1).handler(gate);
        router.get("/v1/plans").handler(request -> request.end("plans"));
        router.get("/observe/health").handler(request -> request.end("UP"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
