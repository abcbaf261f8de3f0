package io.lifeboat.api;

import io.lifeboat.plan.Secret;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Puts a bearer token in front of everything the HTTP server answers (the API, health and metrics),
 * as the first handler of the server's router.
 */
final class BearerTokenGuard {

    private final byte[] expected;

    private BearerTokenGuard(Secret token) {
        this.expected = ("Bearer " + token.value()).getBytes(StandardCharsets.UTF_8);
    }

    /** Installs the guard once the HTTP server's router exists (call while the context is starting). */
    static void install(CamelContext context, int port, Secret token) throws Exception {
        BearerTokenGuard guard = new BearerTokenGuard(token);
        context.addStartupListener((started, alreadyStarted) -> VertxPlatformHttpRouter
                .lookup(started, VertxPlatformHttpRouter.getRouterNameFromPort(port))
                .route("/*").order(-1000).handler(guard::check));
    }

    private void check(RoutingContext request) {
        String header = request.request().getHeader("Authorization");
        // Compared in constant time, so the answer's timing tells nothing about the token.
        if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            request.next();
            return;
        }
        request.response().setStatusCode(401)
                .putHeader("Content-Type", "application/json")
                .putHeader("WWW-Authenticate", "Bearer")
                .end("{\"error\":\"a valid bearer token is required\"}");
    }
}
