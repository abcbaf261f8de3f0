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
        if (!DEFAULT_LOOPBACK.contains(host) && token.isEmpty()) {
            throw new ParameterException("lifeboat.server.token", "lifeboat.server.host is " + host
                    + ", so the API needs a bearer token: set LIFEBOAT_SERVER_TOKEN (or lifeboat.server.token)");
        }
    }

    public static ServiceSettings from(ConfiguredValues configuration) {
        return new ServiceSettings(
                configuration.get("lifeboat.server.host").orElse("127.0.0.1"),
                integer(configuration, "lifeboat.server.port", 8680, 1, 65535),
                configuration.get("lifeboat.server.token").map(Secret::new),
                Duration.ofSeconds(integer(configuration, "lifeboat.shutdown-grace-seconds", 60, 0, 86_400)));
    }

    private static int integer(ConfiguredValues configuration, String key, int fallback, int min, int max) {
        Optional<String> value = configuration.get(key);
        try {
            int parsed = value.map(Integer::parseInt).orElse(fallback);
            if (parsed < min || parsed > max) {
                throw new ParameterException(key, key + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ParameterException(key, key + " must be a whole number (got '" + value.get() + "')");
        }
    }
}
