package io.lifeboat.api;

import io.lifeboat.service.PlanService;
import io.lifeboat.kernel.ServiceSettings;
import io.lifeboat.kernel.Deadlines;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;

import java.util.Map;

/** The REST plans API, {@code /v1}, on the platform-http server; each operation hands over to a direct: route. */
public final class PlansApiRoutes extends RouteBuilder {

    private static final String JSON = "application/json";

    private final PlansApi api;
    private final ServiceSettings settings;

    public PlansApiRoutes(PlanService service, ServiceSettings settings, Map<String, String> environment, Deadlines deadlines) {
        this.api = new PlansApi(service, environment, deadlines);
        this.settings = settings;
    }

    @Override
    public void configure() throws Exception {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);

        rest("/v1")
                .get("/plans").produces(JSON).to("direct:api-list-plans")
                .get("/plans/{plan}").produces(JSON).to("direct:api-get-plan")
                .post("/plans/{plan}/start").produces(JSON).to("direct:api-start-plan")
                .post("/plans/{plan}/stop").produces(JSON).to("direct:api-stop-plan")
                .get("/snapshots").produces(JSON).to("direct:api-list-snapshots");

        from("direct:api-list-plans").routeId("api-list-plans").process(api::listPlans);
        from("direct:api-get-plan").routeId("api-get-plan").process(api::getPlan);
        from("direct:api-start-plan").routeId("api-start-plan").process(api::startPlan);
        from("direct:api-stop-plan").routeId("api-stop-plan").process(api::stopPlan);
        from("direct:api-list-snapshots").routeId("api-list-snapshots").process(api::listSnapshots);
    }
}
