package io.lifeboat.app;

import io.lifeboat.cli.Arguments;
import io.lifeboat.cli.Help;
import io.lifeboat.cli.ProgressPrinter;
import io.lifeboat.cli.Report;
import io.lifeboat.cli.StopOnSignal;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.clusters.ClusterFile;
import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.demo.Demo;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Operation;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.Quantities;
import io.lifeboat.kernel.RetentionPolicy;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.Printable;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.StoreKind;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.store.KeyRotation;
import io.lifeboat.store.Purge;
import io.lifeboat.store.SnapshotCatalog;
import io.lifeboat.store.SnapshotCheck;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.StoreLayout;
import io.lifeboat.store.Stores;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** The {@code lifeboat} command line: exit 0 when done, 1 when a plan failed, 2 for bad usage or parameters. */
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path home;
    private final boolean terminal;

    /** @param home the folder that holds {@code config/} (the install folder of the launcher) */
    private static final String KEY_FILE = PlanRequest.KEY_FILE;

    public Cli(PrintStream out, PrintStream err, Map<String, String> environment, Path home) {
        this(out, err, environment, home, false);
    }

    /** @param terminal whether stdout is a terminal, where progress is a live bar rather than plain lines */
    public Cli(PrintStream out, PrintStream err, Map<String, String> environment, Path home, boolean terminal) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.home = home;
        this.terminal = terminal;
    }

    public int run(String... words) {
        List<String> args = Arrays.asList(words);
        String command = args.isEmpty() ? "--help" : args.get(0);
        String subject = subject(args);
        try {
            Arguments arguments = Arguments.parse(args.subList(Math.min(1, args.size()), args.size()));
            return switch (command) {
                case "plan" -> plan(arguments);
                case "snapshots" -> snapshots(arguments);
                case "keys" -> keys(arguments);
                case "cat" -> arguments.help() ? help(Help.CAT) : cat(arguments);
                case "demo" -> arguments.help() ? help(Help.DEMO) : demo();
                case "serve" -> arguments.help() ? help(Help.SERVE) : serve(arguments);
                case "agent" -> arguments.help() ? help(Help.AGENT) : agent(arguments);
                case "-h", "--help", "help" -> help(Help.MAIN);
                default -> {
                    err.println("lifeboat: unknown command '" + command + "'");
                    yield usage(Help.MAIN);
                }
            };
        } catch (ParameterException e) {
            err.println("lifeboat " + subject + ": " + Printable.of(e.getMessage()));
            return USAGE;
        } catch (Exception | OutOfMemoryError e) {
            return failed(subject, e);
        }
    }

    private int failed(String subject, Throwable failure) {
        LOG.debug("lifeboat {} failed", subject, failure);
        err.println("lifeboat " + subject + ": FAILED: " + Failures.reason(failure));
        return FAILED;
    }

    private int plan(Arguments arguments) throws Exception {
        String action = arguments.next().orElse("");
        return switch (action) {
            case "start" -> startPlan(arguments);
            case "list" -> arguments.help() ? help(Help.PLAN) : listPlans();
            default -> arguments.help() ? help(Help.PLAN) : usage(Help.PLAN);
        };
    }

    private int snapshots(Arguments arguments) throws Exception {
        if (arguments.help()) {
            return help(Help.SNAPSHOTS);
        }
        return switch (arguments.next().orElse("")) {
            case "list" -> listSnapshots(arguments);
            case "verify" -> verifySnapshot(arguments);
            case "purge" -> purgeSnapshots(arguments);
            default -> usage(Help.SNAPSHOTS);
        };
    }

    private int startPlan(Arguments arguments) throws Exception {
        String planId = arguments.next().orElse(null);
        if (arguments.help()) {
            return help(planId == null ? Help.PLAN_START : Help.planStart(planId));
        }
        if (planId == null) {
            return usage(Help.PLAN_START);
        }
        Plan plan = Plan.byId(planId).orElseThrow(() -> new ParameterException("plan", "no plan '" + planId
                + "' (plans: " + Plan.ids() + ")"));
        return startPlan(plan, arguments);
    }

    private int startPlan(Plan plan, Arguments arguments) throws Exception {
        rejectExtraWords(arguments);
        rejectOptions(arguments, List.of());
        Cluster cluster = ClusterFile.load(clusterFile(arguments));
        PlanParameters parameters = new PlanParameters(arguments.parameters(), environment);
        Configuration configuration = Configuration.load(home, environment);
        LifeboatSettings settings = LifeboatSettings.from(configuration);
        PlanRequest request = PlanRequest.parse(plan, cluster, parameters, settings);
        // A bad key file is said before anything starts; a good one gets AES-GCM compiled while Camel starts.
        KeyEncryptionKey.configured(request.keyFile(), settings.encryptionKeyFile());
        try (LifeboatRuntime runtime = LifeboatRuntime.start(home, environment, configuration)) {
            out.printf("%s: snapshot %s of cluster %s (%d nodes, %s) %s %s%n", plan, request.snapshot(), cluster.name(),
                    cluster.nodes().size(), request.strategy().label(),
                    plan.operation() == Operation.BACKUP ? "to" : "from", request.store().describe());
            RunProgress progress = new RunProgress(plan, request.snapshot().value(), "cli");
            // Ctrl-C or SIGTERM waits for the run to unwind and for its last line to be said, then the JVM ends.
            try (StopOnSignal stop = new StopOnSignal(progress)) {
                PlanResult result;
                try (ProgressPrinter printer = new ProgressPrinter(progress, out, terminal, Duration.ofSeconds(10), Clock.systemUTC())) {
                    result = runtime.execute(request, progress);
                } catch (ParameterException e) {
                    throw e;
                } catch (RuntimeException e) {
                    return failed(subject(List.of("plan", "start", plan.id())), e);
                }
                out.println(Report.of(result));
                return OK;
            }
        }
    }

    /** Runs the service until SIGTERM or Ctrl-C, which let a running plan finish within the grace period. */
    private int serve(Arguments arguments) throws Exception {
        rejectExtraWords(arguments);
        if (!arguments.parameters().isEmpty()) {
            throw new ParameterException("-p", "serve takes no -p parameters: plans get theirs when started");
        }
        LifeboatService service = LifeboatService.start(home, clusterFile(arguments), environment);
        out.println("lifeboat: serving " + service.address() + " (API /v1, health /observe/health, metrics /observe/metrics), schedules: "
                + (service.enabledSchedules().isEmpty() ? "none" : String.join(", ", service.enabledSchedules())));
        awaitShutdown(service);
        return OK;
    }

    /** Serves one node until SIGTERM or Ctrl-C, which stop and clean up the runs going on. */
    private int agent(Arguments arguments) throws Exception {
        rejectExtraWords(arguments);
        if (!arguments.parameters().isEmpty()) {
            throw new ParameterException("-p", "agent takes no -p parameters: each run brings its own from its coordinator");
        }
        String node = arguments.node().orElseThrow(() -> new ParameterException("--node", "agent needs --node INDEX: the node it serves"));
        LifeboatAgent agent = LifeboatAgent.start(home, clusterFile(arguments), node, environment);
        out.println("lifeboat: agent of " + agent.describe() + " serving");
        awaitShutdown(agent);
        return OK;
    }

    /** Blocks until the JVM is asked to stop, then closes {@code service} and says so. */
    private void awaitShutdown(AutoCloseable service) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                err.println("lifeboat: stopping: " + e.getMessage());
            }
            out.println("lifeboat: stopped");
            stopped.countDown();
        }, "lifeboat-shutdown"));
        stopped.await();
    }

    /** {@code lifeboat demo}, in ./lifeboat-demo. */
    private int demo() throws Exception {
        Configuration configuration = Configuration.load(home, environment);
        try (LifeboatRuntime runtime = LifeboatRuntime.start(home, environment, configuration)) {
            return new Demo(out, runtime, runtime.settings()).run(Path.of("lifeboat-demo"));
        }
    }

    /** The settings of {@code <home>/config/application.properties}, overridden by the environment this command was given. */
    private LifeboatSettings settings() {
        return LifeboatSettings.from(Configuration.load(home, environment));
    }

    private Path clusterFile(Arguments arguments) {
        return arguments.cluster().map(Path::of).orElse(home.resolve("config").resolve("cluster.yaml"));
    }

    private int listPlans() {
        for (Plan plan : Plan.values()) {
            out.printf("%-14s %s%n", plan.id(), String.join(" ", PlanRequest.parameterNames(plan)));
        }
        return OK;
    }

    private int listSnapshots(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of(KEY_FILE));
        rejectOptions(arguments, List.of());
        return withStore(location, keyFile(arguments), store -> {
            out.print(Report.snapshots(location, SnapshotCatalog.list(store)));
            return OK;
        });
    }

    /** {@code snapshots verify}: exit 0 only when every object of the snapshot checks out; each bad one said on stderr. */
    private int verifySnapshot(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of("SNAPSHOT_NAME", KEY_FILE));
        rejectOptions(arguments, List.of("--read-data", "--read-data-subset"));
        SnapshotName snapshot = new SnapshotName(new PlanParameters(arguments.parameters(), environment)
                .required("SNAPSHOT_NAME", "the snapshot to verify"));
        SnapshotCheck.Reading reading = reading(arguments.options());
        return withStore(location, keyFile(arguments), store -> {
            SnapshotCheck.Result result = new SnapshotCheck(store, reading, settings().filesInFlight(),
                    problem -> err.println("lifeboat snapshots verify: " + snapshot + ": " + Printable.of(problem))).check(snapshot);
            out.println(Report.verified(snapshot, location, reading, result));
            return result.bad() == 0 ? OK : FAILED;
        });
    }

    /** {@code snapshots purge}: the snapshots the rules do not keep, then every object no kept manifest refers to. */
    private int purgeSnapshots(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of(KEY_FILE));
        List<String> rules = RetentionPolicy.RULES.stream().map(rule -> "--" + rule).toList();
        List<String> allowed = new ArrayList<>(rules);
        allowed.add("--dry-run");
        rejectOptions(arguments, allowed);
        Map<String, String> given = new HashMap<>();
        arguments.options().forEach((option, value) -> given.put(option.substring(2), value));
        RetentionPolicy policy = RetentionPolicy.parse(given, "--");
        boolean dry = arguments.options().containsKey("--dry-run");
        Instant started = Instant.now();
        return withStore(location, keyFile(arguments), store -> {
            Purge.Result result = new Purge(store, settings().purgeGrace(), Clock.systemUTC(), line -> out.println(Printable.of(line))).run(policy, dry);
            out.println(Report.purged(location, result, Duration.between(started, Instant.now())));
            return OK;
        });
    }

    private int keys(Arguments arguments) throws Exception {
        if (arguments.help()) {
            return help(Help.KEYS);
        }
        return switch (arguments.next().orElse("")) {
            case "generate" -> generateKey(arguments);
            case "rotate" -> rotateKeys(arguments);
            default -> usage(Help.KEYS);
        };
    }

    /** {@code keys generate FILE}: a new key file, readable by its owner alone; the key itself is never printed. */
    private int generateKey(Arguments arguments) throws IOException {
        Path file = Path.of(arguments.next().orElseThrow(() -> new ParameterException("FILE", "keys generate needs the FILE to write the key to")));
        rejectExtraWords(arguments);
        rejectOptions(arguments, List.of());
        if (!arguments.parameters().isEmpty()) {
            throw new ParameterException("-p", "keys generate takes no -p parameters");
        }
        KeyEncryptionKey key = KeyEncryptionKey.generate(file);
        out.println("wrote key " + key.id() + " to " + file + " (mode 600). Keep a copy apart from the backups: without it, the"
                + " snapshots encrypted with it cannot be restored.");
        return OK;
    }

    /** {@code keys rotate}: every snapshot under the current key file's key moves to the new one's; the data is not touched. */
    private int rotateKeys(Arguments arguments) throws Exception {
        StoreLocation location = storeLocation(arguments, List.of(KEY_FILE));
        rejectOptions(arguments, List.of("--new-key-file"));
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
            return result.others().isEmpty() ? OK : FAILED;
        });
    }

    /**
     * {@code cat <store> KEY}: one object to stdout as it was written, opened when its snapshot is encrypted, so that
     * {@code lifeboat cat ... node-0.tar.gz | tar xz} reads a backup by hand.
     */
    private int cat(Arguments arguments) throws Exception {
        StoreKind kind = StoreKind.parse(arguments.next().orElseThrow(() -> new ParameterException("store", "cat needs the store (s3, azure"
                + " or local) and the KEY of an object")));
        String key = arguments.next().orElseThrow(() -> new ParameterException("KEY", "cat needs the KEY of an object, e.g. SNAPSHOT/node-0.tar.gz"));
        StoreLocation location = storeLocation(kind, arguments, List.of(KEY_FILE, "SNAPSHOT_NAME"));
        rejectOptions(arguments, List.of());
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
            return OK;
        });
    }

    /** The key of ENCRYPTION_KEY_FILE, else of lifeboat.encryption.key-file, if either is set. */
    private Optional<KeyEncryptionKey> keyFile(Arguments arguments) {
        return KeyEncryptionKey.configured(new PlanParameters(arguments.parameters(), environment).optional(KEY_FILE).map(Path::of),
                settings().encryptionKeyFile());
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
        rejectExtraWords(arguments);
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
             SnapshotStore store = Stores.open(location, settings().deadlines(), started(camel), kek)) {
            store.checkReachable();
            return command.run(store);
        }
    }

    private static void rejectOptions(Arguments arguments, List<String> allowed) {
        for (String option : arguments.options().keySet()) {
            if (!allowed.contains(option)) {
                throw new ParameterException(option, "unknown option " + option);
            }
        }
    }

    private static CamelContext started(CamelContext camel) {
        camel.start();
        return camel;
    }

    /** The command words an error line starts with, e.g. "plan start backup-s3". */
    private static String subject(List<String> args) {
        return Printable.of(String.join(" ", args.stream().takeWhile(word -> !word.startsWith("-")).limit(3).toList()));
    }

    private static void rejectExtraWords(Arguments arguments) {
        if (!arguments.remaining().isEmpty()) {
            throw new ParameterException(arguments.remaining().get(0), "unexpected '" + arguments.remaining().get(0)
                    + "' (parameters are given as -p NAME=VALUE)");
        }
    }

    private int help(String text) {
        out.print(text);
        return OK;
    }

    private int usage(String text) {
        err.print(text);
        return USAGE;
    }
}
