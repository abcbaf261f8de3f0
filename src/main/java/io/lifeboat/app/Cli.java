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
import io.lifeboat.kernel.Printable;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.plan.PlanRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
                case "snapshots" -> arguments.help() ? help(Help.SNAPSHOTS) : stores().snapshots(arguments);
                case "keys" -> arguments.help() ? help(Help.KEYS) : stores().keys(arguments);
                case "cat" -> arguments.help() ? help(Help.CAT) : stores().cat(arguments);
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
        arguments.rejectExtraWords();
        arguments.rejectOptionsBut(List.of());
        Cluster cluster = ClusterFile.load(clusterFile(arguments));
        PlanParameters parameters = new PlanParameters(arguments.parameters(), environment);
        Configuration configuration = Configuration.load(home, environment);
        LifeboatSettings settings = LifeboatSettings.from(configuration);
        PlanRequest request = PlanRequest.parse(plan, cluster, parameters, settings);
        // A bad key file is said before anything starts; a good one gets AES-GCM compiled while Camel starts (the
        // runtime does as much for lifeboat.encryption.key-file).
        request.keyFile().ifPresent(file -> KeyEncryptionKey.load(file, KeyEncryptionKey.PARAMETER));
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
        arguments.rejectExtraWords();
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
        arguments.rejectExtraWords();
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

    private StoreCommands stores() {
        return new StoreCommands(out, err, environment, settings());
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

    /** The command words an error line starts with, e.g. "plan start backup-s3". */
    private static String subject(List<String> args) {
        return Printable.of(String.join(" ", args.stream().takeWhile(word -> !word.startsWith("-")).limit(3).toList()));
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
