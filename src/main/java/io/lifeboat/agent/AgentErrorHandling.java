package io.lifeboat.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.kernel.Failures;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How the agent refuses, declared once for its routes: {@link AgentException}'s status, or 500, with a JSON
 * {@code {"error"}} in one line, never a stack trace.
 */
public final class AgentErrorHandling extends RouteConfigurationBuilder {

    static final String ID = "agent-errors";

    private static final Logger LOG = LoggerFactory.getLogger(AgentErrorHandling.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class).handled(true)
                .process(AgentErrorHandling::refuse);
    }

    private static void refuse(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status = failure instanceof AgentException refused ? refused.status() : 500;
        String reason = Failures.reason(failure);
        if (status == 500) {
            LOG.warn("{} {}: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD), exchange.getMessage().getHeader(Exchange.HTTP_PATH),
                    reason);
        }
        answer(exchange, status, JSON.valueToTree(Map.of("error", reason)).toString().getBytes(StandardCharsets.UTF_8));
    }

    static void answer(Exchange exchange, int status, byte[] json) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }
}
