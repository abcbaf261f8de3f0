package io.lifeboat.kernel;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the schedules' triggers live ({@code lifeboat.scheduler.*}): in this process's memory, or in Quartz's
 * clustered JDBC store on PostgreSQL, shared by every coordinator that names the same database. The password
 * comes from {@code LIFEBOAT_SCHEDULER_JDBC_PASSWORD}, never from a URL.
 */
public record SchedulerSettings(Store store, Optional<String> jdbcUrl, Optional<String> user, Optional<Secret> password,
                                Duration checkinInterval) {

    /** In memory (one coordinator) or in the database (any number, each fire on one of them). */
    public enum Store { MEMORY, JDBC }

    public static final SchedulerSettings IN_MEMORY = new SchedulerSettings(Store.MEMORY, Optional.empty(), Optional.empty(),
            Optional.empty(), Duration.ofSeconds(5));

    public SchedulerSettings {
        Quantities.requireBetween("lifeboat.scheduler.checkin-interval", checkinInterval.toMillis(), 1_000, 60_000);
        if (store == Store.JDBC) {
            String url = jdbcUrl.orElseThrow(() -> new ParameterException("lifeboat.scheduler.jdbc.url",
                    "lifeboat.scheduler.store is jdbc, so lifeboat.scheduler.jdbc.url is required (e.g. jdbc:postgresql://db:5432/lifeboat)"));
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ParameterException("lifeboat.scheduler.jdbc.url", "lifeboat.scheduler.jdbc.url must be a PostgreSQL URL"
                        + " (jdbc:postgresql://HOST:PORT/DATABASE), got '" + Printable.of(url) + "'");
            }
            if (url.toLowerCase(Locale.ROOT).contains("password")) {
                throw new ParameterException("lifeboat.scheduler.jdbc.url", "lifeboat.scheduler.jdbc.url must not carry a password:"
                        + " set LIFEBOAT_SCHEDULER_JDBC_PASSWORD");
            }
            if (user.isEmpty()) {
                throw new ParameterException("lifeboat.scheduler.jdbc.user", "lifeboat.scheduler.store is jdbc, so lifeboat.scheduler.jdbc.user is required");
            }
        }
    }

    public static SchedulerSettings from(ConfiguredValues values) {
        String store = values.get("lifeboat.scheduler.store").orElse("memory");
        Store parsed = switch (store) {
            case "memory" -> Store.MEMORY;
            case "jdbc" -> Store.JDBC;
            default -> throw new ParameterException("lifeboat.scheduler.store", "lifeboat.scheduler.store must be memory or jdbc, got '"
                    + Printable.of(store) + "'");
        };
        return new SchedulerSettings(parsed, values.get("lifeboat.scheduler.jdbc.url"), values.get("lifeboat.scheduler.jdbc.user"),
                values.get("lifeboat.scheduler.jdbc.password").map(Secret::new),
                values.duration("lifeboat.scheduler.checkin-interval", Duration.ofSeconds(5)));
    }

    public boolean clustered() {
        return store == Store.JDBC;
    }
}
