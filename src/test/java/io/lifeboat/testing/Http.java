package io.lifeboat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP calls to a service under test, as curl would make them. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and a body. */
    public record Response(int status, String body) {

        /** The body as JSON. */
        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        /** A top-level text field of a JSON body, such as a run's "state". */
        public String field(String name) throws IOException {
            return json().path(name).asText();
        }
    }

    private Http() {
    }

    /** A JSON object of string values, e.g. a plan's parameters. */
    public static String jsonObject(Map<String, String> values) throws IOException {
        return JSON.writeValueAsString(values);
    }

    public static Response get(String url, String token) throws IOException, InterruptedException {
        return send(request(url, token).GET());
    }

    public static Response post(String url, String json, String token) throws IOException, InterruptedException {
        return send(request(url, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public static Response put(String url, String json, String token) throws IOException, InterruptedException {
        return send(request(url, token).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Response delete(String url, String token) throws IOException, InterruptedException {
        return send(request(url, token).DELETE());
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
