package io.lifeboat.app;

import io.lifeboat.cli.Arguments;
import io.lifeboat.cli.Help;
import io.lifeboat.cli.Report;
import io.lifeboat.cluster.Topology;
import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.Printable;
import io.lifeboat.kernel.Quantities;
import io.lifeboat.kernel.RetentionPolicy;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.StoreKind;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.store.KeyRotation;
import io.lifeboat.store.Purge;
import io.lifeboat.store.SnapshotCatalog;
import io.lifeboat.store.SnapshotCheck;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import io.lifeboat.store.Stores;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands that work on a store rather than on a cluster: {@code snapshots list|verify|purge}, {@code keys
 * generate|rotate} and {@code cat}. Each opens the store (with the key file, when one is given) for as long as it runs.
 */
final class StoreCommands {

    private static final String KEY_FILE = KeyEncryptionKey.PARAMETER;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final LifeboatSettings settings;

    StoreCommands(PrintStream out, PrintStream err, Map<String, String> environment, LifeboatSettings settings) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.settings = settings;
    }

    /** {@code snapshots list|verify|purge}. */
    int snapshots(Arguments arguments) throws Exception {
        return switch (arguments.next().orElse("")) {
            case "list" -> listSnapshots(arguments);
            case "verify" -> verifySnapshot(arguments);
            case "purge" -> purgeSnapshots(arguments);
            case "tokens" -> printTokens(arguments);
            default -> usage(Help.SNAPSHOTS);
        };
    }

    private int listSnapshots(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of(KEY_FILE));
        arguments.rejectOptionsBut(List.of());
        return withStore(location, keyFile(arguments), store -> {
            out.print(Report.snapshots(location, SnapshotCatalog.list(store)));
            return Cli.OK;
        });
    }

    /** {@code snapshots verify}: exit 0 only when every object of the snapshot checks out; each bad one said on stderr. */
    private int verifySnapshot(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of("SNAPSHOT_NAME", KEY_FILE));
        arguments.rejectOptionsBut(List.of("--read-data", "--read-data-subset"));
        SnapshotName snapshot = new SnapshotName(new PlanParameters(arguments.parameters(), environment)
                .required("SNAPSHOT_NAME", "the snapshot to verify"));
        SnapshotCheck.Reading reading = reading(arguments.options());
        return withStore(location, keyFile(arguments), store -> {
            SnapshotCheck.Result result = new SnapshotCheck(store, reading, settings.filesInFlight(),
                    problem -> err.println("lifeboat snapshots verify: " + snapshot + ": " + Printable.of(problem))).check(snapshot);
            out.println(Report.verified(snapshot, location, reading, result));
            return result.bad() == 0 ? Cli.OK : Cli.FAILED;
        });
    }

    /**
     * {@code snapshots tokens}: the {@code num_tokens} and {@code initial_token} lines of each backed-up node, for the
     * {@code cassandra.yaml} of the new node of its index, so that a new cluster built on them restores by import.
     */
    private int printTokens(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of("SNAPSHOT_NAME", KEY_FILE));
        arguments.rejectOptionsBut(List.of());
        SnapshotName snapshot = new SnapshotName(new PlanParameters(arguments.parameters(), environment)
                .required("SNAPSHOT_NAME", "the snapshot whose tokens to print"));
        return withStore(location, keyFile(arguments), store -> {
            String key = StoreLayout.manifestKey(snapshot);
            if (store.size(key).isEmpty()) {
                throw new PlanFailedException("snapshot " + snapshot + " not found or incomplete in " + location.describe());
            }
            Manifest manifest = ManifestCodec.read(key, store.read(key));
            Topology ring = manifest.topology().orElseThrow(() -> new PlanFailedException("snapshot " + snapshot + " records no ring: "
                    + ("files".equals(manifest.clusterType()) ? "it is of a file cluster" : "it was taken before manifest format 4")));
            out.print(Report.tokens(manifest.snapshot(), ring));
            return Cli.OK;
        });
    }

    /** {@code snapshots purge}: the snapshots the rules do not keep, then every object no kept manifest refers to. */
    private int purgeSnapshots(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of(KEY_FILE));
        List<String> rules = RetentionPolicy.RULES.stream().map(rule -> "--" + rule).toList();
        List<String> allowed = new ArrayList<>(rules);
        allowed.add("--dry-run");
        arguments.rejectOptionsBut(allowed);
        Map<String, String> given = new HashMap<>();
        arguments.options().forEach((option, value) -> given.put(option.substring(2), value));
        RetentionPolicy policy = RetentionPolicy.parse(given, "--");
        boolean dry = arguments.options().containsKey("--dry-run");
        Instant started = Instant.now();
        return withStore(location, keyFile(arguments), store -> {
            Purge.Result result = new Purge(store, settings.purgeGrace(), Clock.systemUTC(), line -> out.println(Printable.of(line))).run(policy, dry);
            out.println(Report.purged(location, result, Duration.between(started, Instant.now())));
            return Cli.OK;
        });
    }

    /** {@code keys generate|rotate}. */
    int keys(Arguments arguments) throws Exception {
        return switch (arguments.next().orElse("")) {
            case "generate" -> generateKey(arguments);
            case "rotate" -> rotateKeys(arguments);
            default -> usage(Help.KEYS);
        };
    }

    /** {@code keys generate FILE}: a new key file, readable by its owner alone; the key itself is never printed. */
    private int generateKey(Arguments arguments) throws IOException {
        Path file = Path.of(arguments.next().orElseThrow(() -> new ParameterException("FILE", "keys generate needs the FILE to write the key to")));
        arguments.rejectExtraWords();
        arguments.rejectOptionsBut(List.of());
        if (!arguments.parameters().isEmpty()) {
            throw new ParameterException("-p", "keys generate takes no -p parameters");
        }
        KeyEncryptionKey key = KeyEncryptionKey.generate(file);
        out.println("wrote key " + key.id() + " to " + file + " (mode 600). Keep a copy apart from the backups: without it, the"
                + " snapshots encrypted with it cannot be restored.");
        return Cli.OK;
    }

    /** {@code keys rotate}: every snapshot under the current key file's key moves to the new one's; the data is not touched. */
    private int rotateKeys(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of(KEY_FILE));
        arguments.rejectOptionsBut(List.of("--new-key-file"));
        KeyEncryptionKey current = keyFile(arguments).orElseThrow(() -> new ParameterException(KEY_FILE, "keys rotate needs the current key:"
                + " -p " + KEY_FILE + "=FILE (or lifeboat.encryption.key-file)"));
        KeyEncryptionKey next = Optional.ofNullable(arguments.options().get("--new-key-file")).filter(value -> !value.isBlank())
                .map(value -> KeyEncryptionKey.load(Path.of(value), "--new-key-file"))
                .orElseThrow(() -> new ParameterException("--new-key-file", "keys rotate needs --new-key-file FILE (write one with: lifeboat keys generate FILE)"));
        if (next.id().equals(current.id())) {
            throw new ParameterException("--new-key-file", "--new-key-file holds the same key " + next.id() + " as " + KEY_FILE);
        }
        return withStore(location, Optional.of(current), store -> {
            KeyRotation.Result result = new KeyRotation(store, line -> out.println(Printable.of(line))).rotate(current, next);
            result.others().forEach(other -> err.println("lifeboat keys rotate: " + Printable.of(other) + " is under neither key: left as it is"));
            out.println(location.describe() + ": " + result.rotated() + " snapshots rotated to key " + next.id() + ", " + result.already()
                    + " already under it" + (result.others().isEmpty() ? "" : ", " + result.others().size() + " under another key"));
            return result.others().isEmpty() ? Cli.OK : Cli.FAILED;
        });
    }

    /**
     * {@code cat <store> KEY}: one object to stdout as it was written, opened when its snapshot is encrypted, so that
     * {@code lifeboat cat ... node-0.tar.gz | tar xz} reads a backup by hand.
     */
    int cat(Arguments arguments) throws Exception {
        StoreKind kind = StoreKind.parse(arguments.next().orElseThrow(() -> new ParameterException("store", "cat needs the store (s3, azure"
                + " or local) and the KEY of an object")));
        String key = arguments.next().orElseThrow(() -> new ParameterException("KEY", "cat needs the KEY of an object, e.g. SNAPSHOT/node-0.tar.gz"));
        StoreLocation location = storeLocation(kind, arguments, List.of(KEY_FILE, "SNAPSHOT_NAME"));
        arguments.rejectOptionsBut(List.of());
        Optional<SnapshotName> through = new PlanParameters(arguments.parameters(), environment).optional("SNAPSHOT_NAME").map(SnapshotName::new);
        return withStore(location, keyFile(arguments), store -> {
            if (through.isPresent()) {
                // A differential snapshot's keys open the files it shares with snapshots since purged: reading its manifest learns them.
                store.read(StoreLayout.manifestKey(through.get()));
            }
            try (InputStream object = store.download(key)) {
                object.transferTo(out);
            }
            out.flush();
            return Cli.OK;
        });
    }

    /** The key of ENCRYPTION_KEY_FILE, else of lifeboat.encryption.key-file, if either is set. */
    private Optional<KeyEncryptionKey> keyFile(Arguments arguments) {
        return KeyEncryptionKey.configured(new PlanParameters(arguments.parameters(), environment), settings.encryptionKeyFile());
    }

    private static SnapshotCheck.Reading reading(Map<String, String> options) {
        if (options.containsKey("--read-data") && options.containsKey("--read-data-subset")) {
            throw new ParameterException("--read-data", "give --read-data or --read-data-subset PERCENT, not both");
        }
        if (options.containsKey("--read-data")) {
            return SnapshotCheck.Reading.ALL;
        }
        return Optional.ofNullable(options.get("--read-data-subset"))
                .map(value -> {
                    int percent = Quantities.wholeNumber("--read-data-subset", value.replace("%", ""));
                    Quantities.requireBetween("--read-data-subset", percent, 1, 100);
                    return new SnapshotCheck.Reading(percent);
                })
                .orElse(SnapshotCheck.Reading.SIZES);
    }

    /** The store a {@code snapshots} command names (or its parameters imply), with no parameter but the store's and {@code extra}. */
    private StoreLocation storeLocation(Arguments arguments, List<String> extra) {
        Optional<String> named = arguments.next();
        StoreKind kind = named.isPresent() ? StoreKind.parse(named.get()) : StoreKind.infer(arguments.parameters().keySet(), environment);
        return storeLocation(kind, arguments, extra);
    }

    private StoreLocation storeLocation(StoreKind kind, Arguments arguments, List<String> extra) {
        arguments.rejectExtraWords();
        for (String name : arguments.parameters().keySet()) {
            if (!kind.parameters().contains(name) && !extra.contains(name)) {
                throw new ParameterException(name, "a " + kind.label() + " store takes no parameter " + name
                        + " (it takes " + String.join(", ", kind.parameters()) + ")");
            }
        }
        return StoreLocation.from(kind, new PlanParameters(arguments.parameters(), environment));
    }

    @FunctionalInterface
    private interface StoreCommand {
        int run(SnapshotStore store) throws Exception;
    }

    /** Runs {@code command} on the store, whose Camel endpoints live in a context of their own for as long as the command. */
    private int withStore(StoreLocation location, Optional<KeyEncryptionKey> kek, StoreCommand command) throws Exception {
        try (CamelContext camel = new DefaultCamelContext();
             SnapshotStore store = Stores.open(location, settings.deadlines(), started(camel), kek)) {
            store.checkReachable();
            return command.run(store);
        }
    }

    private static CamelContext started(CamelContext camel) {
        camel.start();
        return camel;
    }

    private int usage(String text) {
        err.print(text);
        return Cli.USAGE;
    }
}
