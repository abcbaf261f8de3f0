package io.lifeboat.api;

import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;
import io.lifeboat.kernel.Secret;
import io.lifeboat.kernel.StoreKind;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.service.PlanService;
import io.lifeboat.store.SnapshotCatalog;
import io.lifeboat.store.SnapshotSummary;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.Stores;
import org.apache.camel.CamelContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The handlers behind {@code /v1}: each takes what the request says and returns the data of the answer. A refusal
 * is an exception, which {@link ApiErrorHandling} turns into its status.
 */
final class PlansApi {

    private final PlanService service;
    private final Map<String, String> environment;
    private final Deadlines deadlines;

    PlansApi(PlanService service, Map<String, String> environment, Deadlines deadlines) {
        this.service = service;
        this.environment = Map.copyOf(environment);
        this.deadlines = deadlines;
    }

    /** GET /v1/plans: every plan with the state of its current or last run. */
    PlanList listPlans() {
        List<PlanList.Entry> plans = new ArrayList<>();
        for (Plan plan : Plan.values()) {
            RunView run = runOrPending(plan);
            plans.add(new PlanList.Entry(plan.id(), run.state(), run.id() == null ? null : run));
        }
        return new PlanList(plans);
    }

    /** GET /v1/plans/{plan}: the current or last run, or PENDING when the plan has not run. */
    RunView getPlan(String plan) {
        return runOrPending(plan(plan));
    }

    /** POST /v1/plans/{plan}/start with the parameters as a JSON object, as the REST binding read it. */
    RunView startPlan(String plan, Object body) {
        Plan known = plan(plan);
        return service.start(known, parameters(body), "rest");
    }

    /** POST /v1/plans/{plan}/stop: asks the plan's run to stop. */
    RunView stopPlan(String plan) {
        Plan known = plan(plan);
        return service.stop(known).orElseThrow(() -> new PlanNotRunningException(known));
    }

    /**
     * GET /v1/snapshots?[store=s3|azure|local&]NAME=VALUE...: the store's snapshots, as the CLI lists them. The store
     * may be left out when the parameters say which it is; secrets come from the service's environment, never a URL.
     *
     * @throws IOException when the store cannot be reached or listed
     */
    SnapshotList listSnapshots(Function<String, String> query, CamelContext camel) throws IOException {
        StoreLocation location = location(query);
        try (SnapshotStore store = Stores.open(location, deadlines, camel)) {
            store.checkReachable();
            List<SnapshotList.Entry> snapshots = SnapshotCatalog.list(store).stream()
                    .map(entry -> new SnapshotList.Entry(entry.name(), entry.complete() ? "complete" : "incomplete",
                            entry.summary().map(SnapshotSummary::mode).orElse(null), entry.completedAt().orElse(null), entry.nodes(),
                            entry.bytes(), entry.summary().flatMap(SnapshotSummary::keyId).orElse(null)))
                    .toList();
            return new SnapshotList(location.describe(), snapshots);
        }
    }

    private StoreLocation location(Function<String, String> query) {
        Map<String, String> given = new HashMap<>();
        for (StoreKind any : StoreKind.values()) {
            for (String name : any.parameters()) {
                Optional.ofNullable(query.apply(name)).ifPresent(value -> given.put(name, value));
            }
        }
        for (String secret : Secret.PARAMETERS) {
            if (given.containsKey(secret)) {
                throw new ParameterException(secret, secret + " must come from the service's environment, never from a URL");
            }
        }
        String kindName = query.apply("store");
        StoreKind kind = kindName != null ? StoreKind.parse(kindName) : StoreKind.infer(given.keySet(), environment);
        return StoreLocation.from(kind, new PlanParameters(given, environment));
    }

    private RunView runOrPending(Plan plan) {
        return service.lastRun(plan).orElseGet(() -> new RunView(null, plan.id(), null, null, RunState.PENDING, null, null, null,
                plan.operation().phases().stream().map(phase -> new RunView.Phase(phase.label(), RunState.PENDING)).toList(), List.of()));
    }

    private static Plan plan(String id) {
        return Plan.byId(id == null ? "" : id).orElseThrow(() -> new UnknownPlanException(id));
    }

    /** No body is no parameters; otherwise the body must have been a JSON object whose values are all strings. */
    private static Map<String, String> parameters(Object body) {
        Map<String, String> parameters = new HashMap<>();
        if (body == null) {
            return parameters;
        }
        if (!(body instanceof Map<?, ?> object)) {
            throw new MalformedBodyException();
        }
        for (Map.Entry<?, ?> field : object.entrySet()) {
            if (!(field.getValue() instanceof String value)) {
                throw new MalformedBodyException();
            }
            parameters.put(String.valueOf(field.getKey()), value);
        }
        return parameters;
    }
}
