package io.lifeboat.plan;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Error handling for every plan route, declared once: no retry (a plan is re-run by the operator, not
 * half-redone by the route), nothing logged here, and the exception handed back to whoever started the plan,
 * which says it in one line.
 */
public final class PlanErrorHandling extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration()
                .onException(Exception.class)
                    .handled(false)
                    .logExhausted(false)
                    .logStackTrace(false);
    }
}
