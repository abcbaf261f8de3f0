package io.lifeboat.testing;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

import java.time.Duration;

/** The CQL driver settings that every session on a test node shares: long requests, fast schema changes. */
final class TestDriverConfig {

    /** Schema changes on a busy 2-core machine can exceed the driver's 2 s default. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The driver answers a schema change only after refreshing its metadata, which it debounces for 1 s
     * by default: over a second per CREATE. 10 ms keeps the metadata and makes DDL fast.
     */
    private static final Duration SCHEMA_REFRESH_WINDOW = Duration.ofMillis(10);

    private TestDriverConfig() {
    }

    /** The shared settings; add your own before {@code build()}. */
    static ProgrammaticDriverConfigLoaderBuilder builder() {
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, SCHEMA_REFRESH_WINDOW);
    }
}
