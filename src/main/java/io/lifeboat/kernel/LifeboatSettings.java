package io.lifeboat.kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The tunables of {@code config/application.properties} ({@code lifeboat.*}), with their defaults; each can
 * be overridden by an environment variable ({@code LIFEBOAT_PART_SIZE_MIB} for {@code lifeboat.part-size-mib}).
 */
public record LifeboatSettings(Strategy defaultStrategy, int parallelism, int partSizeMiB, int partsInFlight,
                               Compression compression, Optional<Integer> compressionLevel, int compressionThreads, Duration stallTimeout,
                               BackupMode backupMode, int filesInFlight, Duration purgeGrace,
                               Optional<Path> encryptionKeyFile, Duration schemaAgreementTimeout, long streamThroughput) {

    public static final LifeboatSettings DEFAULTS = new LifeboatSettings(Strategy.SERIAL, 4, 8, 4, Compression.GZIP, Optional.empty(),
            Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(120), BackupMode.FULL, 16,
            Duration.ofHours(6), Optional.empty(), Duration.ofSeconds(60), 0);

    public LifeboatSettings {
        Quantities.requireBetween("lifeboat.parallelism", parallelism, 1, 256);
        // S3 refuses parts under 5 MiB; a part is the largest buffer an upload holds.
        Quantities.requireBetween("lifeboat.part-size-mib", partSizeMiB, 5, 512);
        Quantities.requireBetween("lifeboat.parts-in-flight", partsInFlight, 1, 64);
        compressionLevel.ifPresent(level -> compression.level(level, "lifeboat.compression-level"));
        Quantities.requireBetween("lifeboat.compression-threads", compressionThreads, 1, 256);
        if (stallTimeout.toSeconds() < 1 || stallTimeout.toHours() > 24) {
            throw new ParameterException("lifeboat.stall-timeout", "lifeboat.stall-timeout must be between 1s and 24h");
        }
        Quantities.requireBetween("lifeboat.files-in-flight", filesInFlight, 1, 256);
        if (schemaAgreementTimeout.toSeconds() < 1 || schemaAgreementTimeout.toHours() > 1) {
            throw new ParameterException("lifeboat.cassandra.schema-agreement-timeout",
                    "lifeboat.cassandra.schema-agreement-timeout must be between 1s and 1h");
        }
        Quantities.requireBetween("lifeboat.cassandra.stream-throughput", streamThroughput, 0, Long.MAX_VALUE);
    }

    public static LifeboatSettings from(ConfiguredValues values) {
        return new LifeboatSettings(
                values.parsed("lifeboat.default-strategy", DEFAULTS.defaultStrategy, Strategy::parse),
                values.wholeNumber("lifeboat.parallelism", DEFAULTS.parallelism),
                values.wholeNumber("lifeboat.part-size-mib", DEFAULTS.partSizeMiB),
                values.wholeNumber("lifeboat.parts-in-flight", DEFAULTS.partsInFlight),
                values.parsed("lifeboat.compression", DEFAULTS.compression, Compression::parse),
                values.get("lifeboat.compression-level").map(value -> Quantities.wholeNumber("lifeboat.compression-level", value)),
                values.wholeNumber("lifeboat.compression-threads", DEFAULTS.compressionThreads),
                values.duration("lifeboat.stall-timeout", DEFAULTS.stallTimeout),
                values.parsed("lifeboat.backup-mode", DEFAULTS.backupMode, BackupMode::parse),
                values.wholeNumber("lifeboat.files-in-flight", DEFAULTS.filesInFlight),
                values.duration("lifeboat.purge-grace", DEFAULTS.purgeGrace),
                values.get("lifeboat.encryption.key-file").map(Path::of),
                values.duration("lifeboat.cassandra.schema-agreement-timeout", DEFAULTS.schemaAgreementTimeout),
                values.get("lifeboat.cassandra.stream-throughput").map(value -> Quantities.bytes("lifeboat.cassandra.stream-throughput", value))
                        .orElse(DEFAULTS.streamThroughput));
    }

    /** How long each kind of store call may take, from the stall timeout. */
    public Deadlines deadlines() {
        return new Deadlines(stallTimeout);
    }

    public int partSizeBytes() {
        return partSizeMiB * 1024 * 1024;
    }
}
