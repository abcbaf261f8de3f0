package io.lifeboat.app;

import io.lifeboat.api.ApiErrorHandling;
import io.lifeboat.api.HttpGate;
import io.lifeboat.api.PlansApiRoutes;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.SchedulerSettings;
import io.lifeboat.kernel.ServiceSettings;
import io.lifeboat.ops.LifeboatManagement;
import io.lifeboat.ops.PlanMetrics;
import io.lifeboat.ops.StoreHealthCheck;
import io.lifeboat.schedule.ClusteredTriggers;
import io.lifeboat.schedule.Schedule;
import io.lifeboat.schedule.ScheduleRoutes;
import io.lifeboat.schedule.ScheduleTriggers;
import io.lifeboat.schedule.Schedules;
import io.lifeboat.service.PlanService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code lifeboat serve}: the plan routes plus the schedules (YAML routes under {@code routes/}), the REST
 * API, health and Prometheus metrics on one HTTP server, and the Lifeboat MBean.
 */
public final class LifeboatService implements AutoCloseable {

    private final LifeboatRuntime runtime;
    private final PlanService plans;
    private final ServiceSettings settings;
    private final Schedules schedules;
    private final LifeboatManagement management;
    private final HttpGate gate;

    private LifeboatService(LifeboatRuntime runtime, PlanService plans, ServiceSettings settings, Schedules schedules,
                            LifeboatManagement management, HttpGate gate) {
        this.runtime = runtime;
        this.plans = plans;
        this.settings = settings;
        this.schedules = schedules;
        this.management = management;
        this.gate = gate;
    }

    /** @param environment where secrets and overrides come from (the process environment in production) */
    public static LifeboatService start(Path home, Path clusterFile, Map<String, String> environment) throws Exception {
        Configuration configuration = Configuration.load(home, environment);
        LifeboatSettings lifeboat = LifeboatSettings.from(configuration);
        ServiceSettings settings = ServiceSettings.from(configuration);
        Schedules schedules = Schedules.from(configuration);
        HttpServer.checkPortFree(settings.host(), settings.port(), "is another lifeboat serve running? Set lifeboat.server.port");

        SchedulerSettings scheduler = SchedulerSettings.from(configuration);
        LifeboatRuntime runtime = LifeboatRuntime.create(home, environment, configuration);
        if (scheduler.clustered()) {
            ClusteredTriggers.createTablesIfMissing(scheduler);
            ClusteredTriggers.quartzProperties(scheduler)
                    .forEach((key, value) -> runtime.override("camel.component.quartz.properties[" + key + "]", value));
        }
        PlanService plans = new PlanService(runtime, lifeboat, clusterFile, environment);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runtime.bind("metricsRegistry", metrics);
        plans.addListener(new PlanMetrics(metrics, plans));
        for (Schedule schedule : schedules.all()) {
            if (schedule.enabled()) {
                StoreHealthCheck check = new StoreHealthCheck(schedule, environment, lifeboat.deadlines());
                runtime.bind("lifeboat-store-" + schedule.name(), check);
                // Found by the health registry in the registry, which does not hand it the context its store's endpoint needs.
                runtime.whenConfigured(check::setCamelContext);
            }
        }
        serveHttp(runtime, settings);
        AtomicReference<HttpGate> gate = new AtomicReference<>();
        runtime.whenConfigured(context -> gate.set(HttpGate.install(context, settings.token())));
        runtime.override("camel.main.routes-include-pattern", "file:" + home.resolve("routes").toAbsolutePath() + "/*.yaml");
        runtime.addRoutes(new ScheduleRoutes(schedules, plans, runtime.settings(), environment));
        runtime.addRoutes(new ApiErrorHandling());
        AtomicReference<CamelContext> camel = new AtomicReference<>();
        runtime.whenConfigured(camel::set);
        ScheduleTriggers triggers = new ScheduleTriggers(schedules, camel::get);
        runtime.addRoutes(new PlansApiRoutes(plans, triggers, environment, lifeboat.deadlines()));
        runtime.start();
        LifeboatService service = new LifeboatService(runtime, plans, settings, schedules, LifeboatManagement.register(plans, triggers), gate.get());
        gate.get().open();
        return service;
    }

    /** The API, health and metrics share one server on the configured address; nothing else listens. */
    private static void serveHttp(LifeboatRuntime runtime, ServiceSettings settings) {
        runtime.override("camel.main.jmx-enabled", "true");
        HttpServer.serve(runtime, settings.host(), settings.port());
        runtime.override("camel.management.metrics-enabled", "true");
        runtime.override("camel.metrics.enabled", "true");
        // Per-exchange timers tag exchanges of routes and of producer templates (agent calls) differently, which
        // Prometheus refuses with a warning; the routes' own metrics and Lifeboat's cover what is worth watching.
        runtime.override("camel.metrics.enableExchangeEventNotifier", "false");
    }

    public PlanService plans() {
        return plans;
    }

    public String address() {
        return "http://" + (settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host()) + ":" + settings.port();
    }

    /** The enabled schedules, for the start-up message. */
    public List<String> enabledSchedules() {
        List<String> names = new ArrayList<>();
        for (Schedule schedule : schedules.all()) {
            if (schedule.enabled()) {
                names.add(schedule.name() + " (" + schedule.job().label() + ")");
            }
        }
        return names;
    }

    /** Lets a running plan finish within the grace period, or interrupts it; then stops Camel. */
    @Override
    public void close() throws Exception {
        gate.close();
        try {
            plans.shutdown(settings.shutdownGrace());
        } finally {
            management.close();
            runtime.close();
        }
    }
}
