package io.lifeboat.api;

import io.lifeboat.kernel.Secret;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * What stands before everything the HTTP server answers (the API, health and metrics), from its very first
 * request: the bearer token, when one is set, and for the API a 503 until the service is ready, rather than
 * the 404 of routes not yet started. It is handed to the server as an authentication handler, which the
 * server installs before it listens, so no request ever passes unchecked.
 */
public final class HttpGate implements AuthenticationHandler {

    private final Optional<byte[]> expected;
    // Why the API does not answer yet, or any more; null while it does.
    private volatile String unavailable = "Lifeboat is starting; try again in a moment";

    HttpGate(Optional<Secret> token) {
        this.expected = token.map(secret -> ("Bearer " + secret.value()).getBytes(StandardCharsets.UTF_8));
    }

    /** Puts the gate before the server of the configured context; call after Camel is configured, before it starts. */
    public static HttpGate install(CamelContext context, Optional<Secret> token) {
        HttpGate gate = new HttpGate(token);
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("the HTTP server is not configured");
        }
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(
                    T provider) {
                return gate;
            }
        });
        AuthenticationConfig authentication = server.getConfiguration().getAuthenticationConfig();
        authentication.getEntries().add(entry);
        authentication.setEnabled(true);
        return gate;
    }

    /** The service is started: the API answers from now on. */
    public void open() {
        unavailable = null;
    }

    /** The service is stopping: the API answers no more. */
    public void close() {
        unavailable = "Lifeboat is stopping";
    }

    @Override
    public void handle(RoutingContext request) {
        String header = request.request().getHeader("Authorization");
        // Compared in constant time, so the answer's timing tells nothing about the token.
        if (expected.isPresent() && (header == null || !MessageDigest.isEqual(expected.get(), header.getBytes(StandardCharsets.UTF_8)))) {
            request.response().setStatusCode(401)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("WWW-Authenticate", "Bearer")
                    .end("{\"error\":\"a valid bearer token is required\"}");
            return;
        }
        String why = unavailable;
        if (why != null && request.normalizedPath().startsWith("/v1")) {
            request.response().setStatusCode(503)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Retry-After", "1")
                    .end("{\"error\":\"" + why + "\"}");
            return;
        }
        request.next();
    }
}
