package io.lifeboat.api;

import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lifeboat.kernel.Deadlines;
import io.lifeboat.schedule.ScheduleTriggers;
import io.lifeboat.service.PlanService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;

import java.util.Map;

/**
 * The REST plans API, {@code /v1}, on the platform-http server: JSON in and out through the REST binding, each
 * operation a route from its handler's data to its status; refusals are {@link ApiErrorHandling}'s.
 */
public final class PlansApiRoutes extends RouteBuilder {

    private final PlansApi api;
    private final ScheduleTriggers schedules;

    public PlansApiRoutes(PlanService service, ScheduleTriggers schedules, Map<String, String> environment, Deadlines deadlines) {
        this.api = new PlansApi(service, environment, deadlines);
        this.schedules = schedules;
    }

    /** What a handler answers, from the request. */
    @FunctionalInterface
    private interface Handler {
        Object answer(Exchange request) throws Exception;
    }

    @Override
    public void configure() {
        RestServer.configure(this)
                .bindingMode(RestBindingMode.json).jsonDataFormat("jackson")
                // Times as ISO-8601 text ("2026-11-27T07:53:13.87Z"), not numbers.
                .dataFormatProperty("moduleClassNames", JavaTimeModule.class.getName())
                .dataFormatProperty("disableFeatures", "WRITE_DATES_AS_TIMESTAMPS")
                // Refusals are data too, written as JSON like every other answer.
                .skipBindingOnErrorCode(false);

        rest("/v1")
                .get("/plans").to("direct:api-list-plans")
                .get("/plans/{plan}").to("direct:api-get-plan")
                .post("/plans/{plan}/start").to("direct:api-start-plan")
                .post("/plans/{plan}/stop").to("direct:api-stop-plan")
                .get("/snapshots").to("direct:api-list-snapshots")
                .get("/schedules").to("direct:api-list-schedules")
                .post("/schedules/{schedule}/pause").to("direct:api-pause-schedule")
                .post("/schedules/{schedule}/resume").to("direct:api-resume-schedule");

        answer("api-list-plans", 200, request -> api.listPlans());
        answer("api-get-plan", 200, request -> api.getPlan(plan(request)));
        answer("api-start-plan", 202, request -> api.startPlan(plan(request), request.getMessage().getBody()));
        answer("api-stop-plan", 202, request -> api.stopPlan(plan(request)));
        answer("api-list-schedules", 200, request -> new ScheduleList(schedules.states()));
        answer("api-pause-schedule", 200, request -> schedules.pause(request.getMessage().getHeader("schedule", String.class)));
        answer("api-resume-schedule", 200, request -> schedules.resume(request.getMessage().getHeader("schedule", String.class)));
        answer("api-list-snapshots", 200, request -> api.listSnapshots(name -> request.getMessage().getHeader(name, String.class), request.getContext()));
    }

    private void answer(String routeId, int status, Handler handler) {
        from("direct:" + routeId).routeId(routeId).routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> exchange.getMessage().setBody(handler.answer(exchange)))
                .process(new JsonAnswer(status));
    }

    private static String plan(Exchange request) {
        return request.getMessage().getHeader("plan", String.class);
    }
}
