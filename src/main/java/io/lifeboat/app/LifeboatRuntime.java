package io.lifeboat.app;

import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.kernel.AgentSettings;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.plan.FixedPools;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.plan.PlanRunner;
import io.lifeboat.plan.PlanRuns;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/** Lifeboat on camel-main: the plan routes started, and plans run through their direct: endpoints. */
public final class LifeboatRuntime implements PlanRunner, PlanRuns, AutoCloseable {

    private final Main main;
    private final LifeboatSettings settings;
    private PlanExecution execution;

    private LifeboatRuntime(Main main, LifeboatSettings settings) {
        this.main = main;
        this.settings = settings;
    }

    /** Starts Camel with the plan routes and {@code <home>/config/application.properties}, when it exists. */
    public static LifeboatRuntime start(Path home, Map<String, String> environment, Configuration configuration) throws Exception {
        LifeboatRuntime runtime = create(home, environment, configuration);
        runtime.start();
        return runtime;
    }

    /**
     * Configures Camel with the plan routes, not yet started: the service adds its own routes and beans first.
     * Camel's placeholders read the same file and the same given environment as {@code configuration} did.
     */
    public static LifeboatRuntime create(Path home, Map<String, String> environment, Configuration configuration) {
        LifeboatSettings settings = LifeboatSettings.from(configuration);
        // A configured key file is said wrong at start, not at the first backup, and gets AES-GCM compiled early.
        KeyEncryptionKey.configured(Optional.empty(), settings.encryptionKeyFile());
        Path properties = Configuration.propertiesFile(home);
        Main main = new Main();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeInitialize(BaseMainSupport initializing) {
                Configuration.useEnvironment((PropertiesComponent) initializing.getCamelContext().getPropertiesComponent(), environment);
            }
        });
        // Lifeboat handles SIGTERM itself: a running plan is let finish or stopped cleanly before Camel stops.
        if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy hangup) {
            hangup.disableHangupSupport();
        }
        if (Files.isRegularFile(properties)) {
            main.setPropertyPlaceholderLocations("file:" + properties.toAbsolutePath());
        }
        // Plan data moves as streams the processors own; Camel must never cache a body in memory.
        main.configure().withStreamCachingEnabled(false);
        // A plan from the command line needs no MBeans (registering them costs ~0.3 s); the service turns JMX on.
        main.configure().setJmxEnabled(false);
        PlanExecution.routes(settings, AgentSettings.from(configuration)).forEach(main.configure()::addRoutesBuilder);
        return new LifeboatRuntime(main, settings);
    }

    public void addRoutes(RoutesBuilder routes) {
        main.configure().addRoutesBuilder(routes);
    }

    public void bind(String name, Object bean) {
        main.bind(name, bean);
    }

    /** Runs {@code action} once Camel is configured, before it starts (e.g. to set up the HTTP server before it listens). */
    public void whenConfigured(Consumer<CamelContext> action) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                action.accept(configured.getCamelContext());
            }
        });
    }

    /** Sets a Camel configuration key, over what the properties file says. */
    public void override(String key, String value) {
        main.addOverrideProperty(key, value);
    }

    public void start() throws Exception {
        main.start();
        CamelContext context = main.getCamelContext();
        execution = new PlanExecution(context.createProducerTemplate(), settings,
                context.getExecutorServiceManager().newCachedThreadPool(this, "lifeboat-transfer"));
    }

    public LifeboatSettings settings() {
        return settings;
    }

    @Override
    public PlanResult execute(PlanRequest request, RunProgress progress) {
        return execution.execute(request, progress);
    }

    /** Opens a run without sending it to a plan's route: an agent runs the node steps of a coordinator's run. */
    @Override
    public PlanRun open(PlanRequest request, RunProgress progress) {
        return execution.open(request, progress);
    }

    /** Sends exchanges to this runtime's routes. */
    ProducerTemplate template() {
        return main.getCamelContext().createProducerTemplate();
    }

    /** A fixed pool of Camel's, stopped with the context. */
    ExecutorService pool(String name, int threads) {
        return FixedPools.create(main.getCamelContext(), this, name, threads);
    }

    @Override
    public void close() {
        // Camel shuts its pools down with the context.
        main.stop();
    }
}
