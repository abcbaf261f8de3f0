package io.lifeboat.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.store.SnapshotCatalog;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;
import io.lifeboat.kernel.Secret;
import io.lifeboat.service.PlanBusyException;
import io.lifeboat.service.PlanService;
import io.lifeboat.kernel.Deadlines;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.kernel.StoreKind;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.store.Stores;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The handlers behind {@code /v1}: each reads the request from the exchange and writes a JSON answer. */
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
    void listPlans(Exchange exchange) {
        List<Map<String, Object>> plans = new ArrayList<>();
        for (Plan plan : Plan.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("plan", plan.id());
            RunView run = runOrPending(plan);
            entry.put("state", run.state());
            entry.put("lastRun", run.id() == null ? null : run);
            plans.add(entry);
        }
        ApiResponse.json(exchange, 200, Map.of("plans", plans));
    }

    /** GET /v1/plans/{plan}: the current or last run, or PENDING when the plan has not run. */
    void getPlan(Exchange exchange) {
        plan(exchange).ifPresent(plan -> ApiResponse.json(exchange, 200, runOrPending(plan)));
    }

    /** POST /v1/plans/{plan}/start with the parameters as a JSON object: 202, 400, 404 or 409. */
    void startPlan(Exchange exchange) {
        Optional<Plan> plan = plan(exchange);
        if (plan.isEmpty()) {
            return;
        }
        Map<String, String> parameters;
        try {
            parameters = parameters(exchange.getMessage().getBody(String.class));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            ApiResponse.error(exchange, 400, "the body must be a JSON object of string parameters sent as Content-Type: application/json, e.g. {\"SNAPSHOT_NAME\": \"nightly-1\"}");
            return;
        }
        try {
            ApiResponse.json(exchange, 202, service.start(plan.get(), parameters, "rest"));
        } catch (ParameterException e) {
            ApiResponse.parameterError(exchange, e.parameter(), e.getMessage());
        } catch (PlanBusyException e) {
            ApiResponse.error(exchange, 409, e.getMessage());
        }
    }

    /** POST /v1/plans/{plan}/stop: interrupts the plan's run; 409 when it is not running. */
    void stopPlan(Exchange exchange) {
        plan(exchange).ifPresent(plan -> service.stop(plan).ifPresentOrElse(
                run -> ApiResponse.json(exchange, 202, run),
                () -> ApiResponse.error(exchange, 409, "plan " + plan + " is not running")));
    }

    /**
     * GET /v1/snapshots?[store=s3|azure|local&]NAME=VALUE...: the store's snapshots, as the CLI lists them. The store
     * may be left out when the parameters say which it is; secrets come from the service's environment, never a URL.
     */
    void listSnapshots(Exchange exchange) throws Exception {
        StoreLocation location;
        try {
            Map<String, String> given = new HashMap<>();
            for (StoreKind any : StoreKind.values()) {
                for (String name : any.parameters()) {
                    Optional.ofNullable(exchange.getMessage().getHeader(name, String.class)).ifPresent(value -> given.put(name, value));
                }
            }
            for (String secret : Secret.PARAMETERS) {
                if (given.containsKey(secret)) {
                    throw new ParameterException(secret, secret + " must come from the service's environment, never from a URL");
                }
            }
            String kindName = exchange.getMessage().getHeader("store", String.class);
            StoreKind kind = kindName != null ? StoreKind.parse(kindName) : StoreKind.infer(given.keySet(), environment);
            location = StoreLocation.from(kind, new PlanParameters(given, environment));
        } catch (ParameterException e) {
            ApiResponse.parameterError(exchange, e.parameter(), e.getMessage());
            return;
        }
        try (SnapshotStore store = Stores.open(location, deadlines)) {
            store.checkReachable();
            List<Map<String, Object>> snapshots = new ArrayList<>();
            for (SnapshotCatalog.Entry entry : SnapshotCatalog.list(store)) {
                Map<String, Object> snapshot = new LinkedHashMap<>();
                snapshot.put("snapshot", entry.name());
                snapshot.put("state", entry.complete() ? "complete" : "incomplete");
                snapshot.put("completedAt", entry.completedAt().orElse(null));
                snapshot.put("nodes", entry.nodes());
                snapshot.put("bytes", entry.bytes());
                snapshots.add(snapshot);
            }
            ApiResponse.json(exchange, 200, Map.of("store", location.describe(), "snapshots", snapshots));
        } catch (IOException e) {
            ApiResponse.error(exchange, 502, e.getMessage());
        }
    }

    private RunView runOrPending(Plan plan) {
        return service.lastRun(plan).orElseGet(() -> new RunView(null, plan.id(), null, null, RunState.PENDING, null, null, null,
                plan.operation().phases().stream().map(phase -> new RunView.Phase(phase.label(), RunState.PENDING)).toList(), List.of()));
    }

    private static Optional<Plan> plan(Exchange exchange) {
        String id = exchange.getMessage().getHeader("plan", String.class);
        Optional<Plan> plan = Plan.byId(id == null ? "" : id);
        if (plan.isEmpty()) {
            ApiResponse.error(exchange, 404, "no plan '" + id + "'");
        }
        return plan;
    }

    private static Map<String, String> parameters(String body) throws JsonProcessingException {
        Map<String, String> parameters = new HashMap<>();
        if (body == null || body.isBlank()) {
            return parameters;
        }
        JsonNode json = ApiResponse.JSON.readTree(body);
        if (!json.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(field.getKey() + " is not a string");
            }
            parameters.put(field.getKey(), field.getValue().asText());
        }
        return parameters;
    }
}
