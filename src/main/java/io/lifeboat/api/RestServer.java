package io.lifeboat.api;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestConfigurationDefinition;

/**
 * The REST DSL on camel-main's platform-http server, as Lifeboat's APIs (the service's and the agent's) use it:
 * one route per operation, no request header echoed in an answer, and no stack trace in one.
 */
public final class RestServer {

    private static final String HEADERS = "lifeboat-api-headers";

    private RestServer() {
    }

    /** Configures the REST DSL of {@code routes}; the caller adds its binding. */
    public static RestConfigurationDefinition configure(RouteBuilder routes) {
        routes.bindToRegistry(HEADERS, new NoHeadersEchoed());
        return routes.restConfiguration().component("platform-http")
                // Each operation is one route with its binding, so a body the binding cannot read is refused by the
                // API's error handling like any other failure.
                .inlineRoutes(true)
                .endpointProperty("headerFilterStrategy", "#" + HEADERS)
                // Should a failure ever escape the error handling, the server answers 500 without the stack trace.
                .endpointProperty("muteException", "true");
    }
}
