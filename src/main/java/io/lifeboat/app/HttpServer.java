package io.lifeboat.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The one HTTP server of {@code lifeboat serve} and {@code lifeboat agent} (camel-main's platform-http on Vert.x):
 * its API, health and metrics share one address, and nothing else listens.
 */
final class HttpServer {

    private HttpServer() {
    }

    /** Camel's keys that put the server, and management with it, on {@code host:port}. */
    static void serve(LifeboatRuntime runtime, String host, int port) {
        runtime.override("camel.server.enabled", "true");
        runtime.override("camel.server.host", host);
        runtime.override("camel.server.port", String.valueOf(port));
        runtime.override("camel.management.enabled", "true");
        // Management on its own port would open a second server on all interfaces.
        runtime.override("camel.management.host", host);
        runtime.override("camel.management.port", String.valueOf(port));
        runtime.override("camel.management.health-check-enabled", "true");
    }

    /**
     * The server binds in the background and only logs a failure, so a port in use is caught here, first.
     *
     * @param hint what to do about it, for the error
     */
    static void checkPortFree(String host, int port, String hint) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); " + hint, e);
        }
    }
}
