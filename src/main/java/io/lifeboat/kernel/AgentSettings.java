package io.lifeboat.kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How coordinators and agents trust and wait for each other ({@code lifeboat.agent.*}): the bearer token
 * every agent request carries ({@code LIFEBOAT_AGENT_TOKEN}), the agent's TLS keystore and the coordinator's
 * truststore, how long a coordinator waits for an agent that stopped answering, and how long an agent keeps
 * a run whose coordinator stopped renewing it.
 */
public record AgentSettings(Optional<Secret> token, Duration timeout, Duration lease, Optional<Store> keystore,
                            Optional<Store> truststore) {

    /** A keystore or truststore file, its type ({@code PKCS12}, {@code JKS}) and password. */
    public record Store(Path file, String type, Optional<Secret> password) {
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    /** No token, no TLS files, the default waits: what a cluster without agents, or one all on loopback, runs with. */
    public static final AgentSettings DEFAULTS = new AgentSettings(Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_LEASE, Optional.empty(),
            Optional.empty());

    public AgentSettings {
        Quantities.requireBetween("lifeboat.agent.timeout", timeout.toMillis(), 2_000, 3_600_000);
        Quantities.requireBetween("lifeboat.agent.lease", lease.toMillis(), 2_000, 86_400_000);
    }

    public static AgentSettings from(ConfiguredValues values) {
        return new AgentSettings(values.get("lifeboat.agent.token").map(Secret::new),
                values.duration("lifeboat.agent.timeout", DEFAULT_TIMEOUT),
                values.duration("lifeboat.agent.lease", DEFAULT_LEASE),
                store(values, "lifeboat.agent.tls.keystore"),
                store(values, "lifeboat.agent.tls.truststore"));
    }

    private static Optional<Store> store(ConfiguredValues values, String key) {
        return values.get(key).map(file -> new Store(Path.of(file).toAbsolutePath().normalize(),
                values.get(key + "-type").orElse("PKCS12"), values.get(key + "-password").map(Secret::new)));
    }

    /** How often a coordinator tells an agent it is alive (and hears of its progress): well within the lease. */
    public Duration heartbeat() {
        Duration quarter = lease.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? quarter : Duration.ofSeconds(1);
    }
}
