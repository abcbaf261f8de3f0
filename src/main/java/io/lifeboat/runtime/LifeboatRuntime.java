package io.lifeboat.runtime;

import io.lifeboat.backup.BackupRoutes;
import io.lifeboat.plan.NodeFanOutRoutes;
import io.lifeboat.plan.PlanErrorHandling;
import io.lifeboat.plan.PlanFailedException;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.plan.PlanResult;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.plan.RecordFailure;
import io.lifeboat.restore.RestoreRoutes;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.Stores;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import java.nio.file.Files;
import java.nio.file.Path;

/** Lifeboat on camel-main: the plan routes started, and plans run through their direct: endpoints. */
public final class LifeboatRuntime implements AutoCloseable {

    private final Main main;
    private final LifeboatSettings settings;
    private final ProducerTemplate template;

    private LifeboatRuntime(Main main, LifeboatSettings settings) {
        this.main = main;
        this.settings = settings;
        this.template = main.getCamelContext().createProducerTemplate();
    }

    /** Starts Camel with {@code <home>/config/application.properties}, when it exists. */
    public static LifeboatRuntime start(Path home, LifeboatSettings settings) throws Exception {
        Path properties = LifeboatSettings.propertiesFile(home);
        Main main = new Main();
        if (Files.isRegularFile(properties)) {
            main.setPropertyPlaceholderLocations("file:" + properties.toAbsolutePath());
        }
        // Plan data moves as streams the processors own; Camel must never cache a body in memory.
        main.configure().withStreamCachingEnabled(false);
        main.configure().addRoutesBuilder(new PlanErrorHandling());
        main.configure().addRoutesBuilder(new NodeFanOutRoutes(settings.parallelism()));
        main.configure().addRoutesBuilder(new BackupRoutes(settings));
        main.configure().addRoutesBuilder(new RestoreRoutes());
        main.start();
        return new LifeboatRuntime(main, settings);
    }

    public LifeboatSettings settings() {
        return settings;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Runs a plan to its end; throws {@link PlanFailedException} naming the node and the reason when it fails. */
    public PlanResult execute(PlanRequest request) {
        try (SnapshotStore store = Stores.open(request.store(), settings.partSizeBytes())) {
            PlanRun run = new PlanRun(request, store);
            Exchange done = template.send(request.plan().operation().endpoint(), exchange -> {
                exchange.setProperty(PlanRun.PROPERTY, run);
                exchange.getMessage().setBody(run);
            });
            if (done.getException() != null) {
                Exception cause = done.getException();
                throw run.failure().orElseGet(() -> RecordFailure.describe(null, cause));
            }
            return done.getMessage().getBody(PlanResult.class);
        }
    }

    @Override
    public void close() {
        main.stop();
    }
}
