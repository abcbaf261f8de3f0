package io.lifeboat.kernel;


import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code lifeboat serve} listens and stops: {@code lifeboat.server.*} and {@code lifeboat.shutdown-grace-seconds}.
 * Bound anywhere but this machine's default loopback address, the API requires a bearer token.
 */
public record ServiceSettings(String host, int port, Optional<Secret> token, Duration shutdownGrace) {

    private static final Set<String> DEFAULT_LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    public ServiceSettings {
        Quantities.requireBetween("lifeboat.server.port", port, 1, 65535);
        Quantities.requireBetween("lifeboat.shutdown-grace-seconds", shutdownGrace.toSeconds(), 0, 86_400);
        if (!DEFAULT_LOOPBACK.contains(host) && token.isEmpty()) {
            throw new ParameterException("lifeboat.server.token", "lifeboat.server.host is " + host
                    + ", so the API needs a bearer token: set LIFEBOAT_SERVER_TOKEN (or lifeboat.server.token)");
        }
    }

    public static ServiceSettings from(ConfiguredValues values) {
        return new ServiceSettings(
                values.get("lifeboat.server.host").orElse("127.0.0.1"),
                values.wholeNumber("lifeboat.server.port", 8680),
                values.get("lifeboat.server.token").map(Secret::new),
                Duration.ofSeconds(values.wholeNumber("lifeboat.shutdown-grace-seconds", 60)));
    }
}
