package io.lifeboat.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.schedule.ScheduleDisabledException;
import io.lifeboat.schedule.UnknownScheduleException;
import io.lifeboat.service.PlanBusyException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * How the API refuses, declared once for every {@code /v1} route: each failure becomes a status and a JSON
 * {@code {"error"}} body ({@code "parameter"} too for a bad parameter), in one line, never a stack trace.
 */
public final class ApiErrorHandling extends RouteConfigurationBuilder {

    /** The id API routes name to use this configuration rather than the plan routes' one. */
    static final String ID = "api-errors";

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandling.class);

    @Override
    public void configuration() {
        RouteConfigurationDefinition api = routeConfiguration(ID);
        refuse(api, 400, ParameterException.class, MalformedBodyException.class);
        // The REST binding could not read the body as JSON.
        refuse(api, 400, JsonProcessingException.class);
        refuse(api, 404, UnknownPlanException.class, UnknownScheduleException.class);
        refuse(api, 409, PlanBusyException.class, PlanNotRunningException.class, ScheduleDisabledException.class);
        // The only input and output behind the API is the store that /v1/snapshots lists.
        refuse(api, 502, IOException.class);
        refuse(api, 500, Exception.class);
    }

    @SafeVarargs
    private static void refuse(RouteConfigurationDefinition api, int status, Class<? extends Throwable>... failures) {
        api.onException(failures).handled(true)
                .process(exchange -> exchange.getMessage().setBody(error(exchange, status)))
                .process(new JsonAnswer(status));
    }

    private static ApiError error(Exchange exchange, int status) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof ParameterException bad) {
            return new ApiError(Failures.reason(bad), bad.parameter());
        }
        if (failure instanceof JsonProcessingException) {
            // Jackson's own words quote the body back.
            return new ApiError(MalformedBodyException.MESSAGE);
        }
        if (status == 500) {
            LOG.warn("{} {}: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD), exchange.getMessage().getHeader(Exchange.HTTP_PATH),
                    Failures.reason(failure));
        }
        return new ApiError(Failures.reason(failure));
    }
}
