package io.lifeboat.plan;

import io.lifeboat.cassandra.CassandraCredentials;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.kernel.BackupMode;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.kernel.Compression;
import io.lifeboat.kernel.DatacenterMapping;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Operation;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.Quantities;
import io.lifeboat.kernel.Renames;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.kernel.Strategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan with its parameters parsed and checked: everything a run needs, and nothing yet written. A restore also
 * says under which names it restores ({@code renames}) and the target's names of the data centres.
 */
public record PlanRequest(Plan plan, Cluster cluster, SnapshotName snapshot, KeyspaceFilter keyspaces, Strategy strategy,
                          StoreLocation store, CassandraCredentials credentials, Compression compression, int compressionLevel,
                          BackupMode mode, Optional<Path> keyFile, Renames renames, DatacenterMapping datacenters) {

    /** Where the key file is, when given as a parameter: otherwise {@code lifeboat.encryption.key-file} of each side. */
    public static final String KEY_FILE = KeyEncryptionKey.PARAMETER;

    private static final List<String> COMMON_PARAMETERS = List.of("SNAPSHOT_NAME", "KEYSPACES", "BACKUP_RESTORE_STRATEGY", KEY_FILE);

    private static final List<String> BACKUP_PARAMETERS = List.of("BACKUP_MODE", "COMPRESSION", "COMPRESSION_LEVEL");

    private static final List<String> RESTORE_PARAMETERS = List.of(Renames.PARAMETER, DatacenterMapping.PARAMETER);

    /** A plan without renames or data centre mapping: every backup, and most restores. */
    public PlanRequest(Plan plan, Cluster cluster, SnapshotName snapshot, KeyspaceFilter keyspaces, Strategy strategy, StoreLocation store,
                       CassandraCredentials credentials, Compression compression, int compressionLevel, BackupMode mode, Optional<Path> keyFile) {
        this(plan, cluster, snapshot, keyspaces, strategy, store, credentials, compression, compressionLevel, mode, keyFile, Renames.NONE,
                DatacenterMapping.NONE);
    }

    /**
     * Parses the parameters of {@code plan}, with defaults from {@code settings}; a missing, malformed or
     * unknown one throws {@link ParameterException}.
     */
    public static PlanRequest parse(Plan plan, Cluster cluster, PlanParameters parameters, LifeboatSettings settings) {
        rejectUnknown(plan, parameters.explicit());
        SnapshotName snapshot = new SnapshotName(parameters.required("SNAPSHOT_NAME", "the name of the snapshot"));
        Strategy strategy = parameters.optional("BACKUP_RESTORE_STRATEGY")
                .map(value -> Strategy.parse("BACKUP_RESTORE_STRATEGY", value))
                .orElse(settings.defaultStrategy());
        Compression compression = parameters.optional("COMPRESSION").map(value -> Compression.parse("COMPRESSION", value))
                .orElse(settings.compression());
        Optional<Integer> level = parameters.optional("COMPRESSION_LEVEL").map(value -> Quantities.wholeNumber("COMPRESSION_LEVEL", value));
        int compressionLevel = level.isPresent() ? compression.level(level.get(), "COMPRESSION_LEVEL")
                : compression.level(settings.compressionLevel().orElse(null), "lifeboat.compression-level");
        boolean cassandra = cluster.type() == ClusterType.CASSANDRA;
        KeyspaceFilter keyspaces = KeyspaceFilter.parse(parameters.optional("KEYSPACES").orElse(null), cassandra);
        BackupMode mode = parameters.optional("BACKUP_MODE").map(value -> BackupMode.parse("BACKUP_MODE", value)).orElse(settings.backupMode());
        Renames renames = Renames.parse(parameters.optional(Renames.PARAMETER).orElse(null));
        DatacenterMapping datacenters = DatacenterMapping.parse(parameters.optional(DatacenterMapping.PARAMETER).orElse(null));
        refuseCassandraOnly(cassandra, renames, datacenters);
        return new PlanRequest(plan, cluster, snapshot, keyspaces, strategy, StoreLocation.from(plan.store(), parameters),
                CassandraCredentials.from(parameters), compression, compressionLevel, mode, parameters.optional(KEY_FILE).map(Path::of),
                renames, datacenters);
    }

    /** A file cluster's keyspaces are folders: they may be renamed, but they hold no tables nor data centres. */
    private static void refuseCassandraOnly(boolean cassandra, Renames renames, DatacenterMapping datacenters) {
        if (cassandra) {
            return;
        }
        if (!renames.tables().isEmpty()) {
            throw new ParameterException(Renames.PARAMETER, "RENAME renames tables of Cassandra clusters only; a file cluster's keyspaces"
                    + " are renamed whole (shop=shop_restored)");
        }
        if (!datacenters.isEmpty()) {
            throw new ParameterException(DatacenterMapping.PARAMETER, "DATACENTERS maps the data centres of Cassandra clusters; this is a"
                    + " file cluster");
        }
    }

    /**
     * The parameters that make this same request again, as given or defaulted here: a node's agent parses them with
     * its own cluster file, so both sides agree on the snapshot, keyspaces, codec and store. Holds the secrets
     * given: for a request body only.
     */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("SNAPSHOT_NAME", snapshot.value());
        // Given even when empty (every keyspace), so that a KEYSPACES in the agent's environment never narrows it.
        parameters.put("KEYSPACES", String.join(" ", keyspaces.names()));
        parameters.put("BACKUP_RESTORE_STRATEGY", strategy.label());
        if (plan.operation() == Operation.BACKUP) {
            parameters.put("BACKUP_MODE", mode.label());
            parameters.put("COMPRESSION", compression.label());
            parameters.put("COMPRESSION_LEVEL", String.valueOf(compressionLevel));
        } else {
            parameters.put(Renames.PARAMETER, renames.value());
            parameters.put(DatacenterMapping.PARAMETER, datacenters.value());
        }
        keyFile.ifPresent(file -> parameters.put(KEY_FILE, file.toString()));
        parameters.putAll(store.parameters());
        parameters.putAll(credentials.parameters());
        return parameters;
    }

    /** The names a plan takes, in the order help shows them. */
    public static List<String> parameterNames(Plan plan) {
        List<String> names = new ArrayList<>(COMMON_PARAMETERS);
        names.addAll(plan.operation() == Operation.BACKUP ? BACKUP_PARAMETERS : RESTORE_PARAMETERS);
        names.addAll(plan.store().parameters());
        names.addAll(CassandraCredentials.PARAMETERS);
        return names;
    }

    private static void rejectUnknown(Plan plan, Map<String, String> explicit) {
        List<String> known = parameterNames(plan);
        for (String name : explicit.keySet()) {
            if (!known.contains(name)) {
                throw new ParameterException(name, "no parameter " + name + " for this plan" + " (it takes " + String.join(", ", known) + ")");
            }
        }
    }
}
