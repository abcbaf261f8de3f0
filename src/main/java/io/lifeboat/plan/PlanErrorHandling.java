package io.lifeboat.plan;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Error handling for every plan route, declared once: no retry (a plan is re-run by the operator, not
 * half-redone by the route), the failure recorded against its run and node, and the exception handed back
 * to whoever started the plan instead of being logged here.
 */
public final class PlanErrorHandling extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration()
                .onException(Exception.class)
                    .handled(false)
                    .logExhausted(false)
                    .logStackTrace(false)
                    .process(new RecordFailure());
    }
}
