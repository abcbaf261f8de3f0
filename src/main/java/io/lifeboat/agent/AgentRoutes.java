package io.lifeboat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.api.RestServer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;

import java.io.IOException;

/**
 * The agent's API, {@code /v1} on its own HTTP server: what coordinators ask of this node. Every answer is
 * JSON; refusals are {@link AgentErrorHandling}'s.
 */
public final class AgentRoutes extends RouteBuilder {

    private final AgentRuns runs;

    public AgentRoutes(AgentRuns runs) {
        this.runs = runs;
    }

    /** What a request is answered with, from the request. */
    @FunctionalInterface
    private interface Handler {
        Object answer(Exchange request) throws Exception;
    }

    @Override
    public void configure() {
        // Bodies are the agent protocol's JSON, read and written by AgentJson.
        RestServer.configure(this).bindingMode(RestBindingMode.off);

        rest("/v1")
                .get("/agent").to("direct:agent-info")
                .put("/runs/{run}").to("direct:agent-open-run")
                .post("/runs/{run}/steps/{step}").to("direct:agent-start-step")
                .post("/runs/{run}/heartbeat").to("direct:agent-heartbeat")
                .post("/runs/{run}/stop").to("direct:agent-stop-run")
                .get("/runs/{run}").to("direct:agent-run-status")
                .delete("/runs/{run}").to("direct:agent-end-run");

        answer("agent-info", 200, request -> runs.info());
        answer("agent-open-run", 200, request -> runs.open(run(request), body(request)));
        answer("agent-start-step", 202, request -> runs.step(run(request), request.getMessage().getHeader("step", String.class), body(request)));
        answer("agent-heartbeat", 200, request -> runs.heartbeat(run(request)));
        answer("agent-stop-run", 202, request -> runs.stop(run(request)));
        answer("agent-run-status", 200, request -> runs.status(run(request)));
        answer("agent-end-run", 200, request -> runs.end(run(request)));
    }

    private void answer(String routeId, int status, Handler handler) {
        from("direct:" + routeId).routeId(routeId).routeConfigurationId(AgentErrorHandling.ID)
                .process(exchange -> AgentErrorHandling.answer(exchange, status, runs.json().write(handler.answer(exchange))));
    }

    private static String run(Exchange request) {
        return request.getMessage().getHeader("run", String.class);
    }

    private JsonNode body(Exchange request) throws IOException {
        byte[] bytes = request.getMessage().getBody(byte[].class);
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return runs.json().parse(bytes);
        } catch (IOException e) {
            throw new AgentException(400, "the request body is not JSON");
        }
    }
}
