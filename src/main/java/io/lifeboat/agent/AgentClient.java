package io.lifeboat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.kernel.AgentAddress;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.Secret;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends requests to one node's agent through Camel's Vert.x HTTP client: the bearer token in a header (never in
 * the endpoint's URI, which Camel shows), JSON both ways, each request bounded in time. Over https the client
 * trusts what {@code lifeboat.agent.tls.truststore} holds, else the JVM's own authorities.
 */
final class AgentClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An agent's answer: its status and JSON body (absent when it sent none). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The agent's own words for a refusal. */
        String error() {
            return body != null && body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + status;
        }
    }

    private final ProducerTemplate template;
    private final AgentAddress address;
    private final Optional<Secret> token;
    private final String quick;
    private final String slow;

    /**
     * @param quickTimeout bounds requests the agent answers at once; {@code slowTimeout} those that clean up a node
     * @param tlsOptions   the registry name of the Vert.x client options that carry the TLS trust, for https agents
     */
    AgentClient(ProducerTemplate template, AgentAddress address, Optional<Secret> token, Duration quickTimeout, Duration slowTimeout,
                String tlsOptions) {
        this.template = template;
        this.address = address;
        this.token = token;
        this.quick = endpoint(address, quickTimeout, tlsOptions);
        this.slow = endpoint(address, slowTimeout, tlsOptions);
    }

    private static String endpoint(AgentAddress address, Duration timeout, String tlsOptions) {
        return "vertx-http:" + address.base() + "?throwExceptionOnFailure=false&connectTimeout=10000&timeout=" + timeout.toMillis()
                + (address.tls() ? "&webClientOptions=#" + tlsOptions : "");
    }

    AgentAddress address() {
        return address;
    }

    /** @throws AgentUnreachableException naming the agent and why it could not be asked (refused, timed out, not TLS) */
    Answer send(String method, String path, byte[] json, boolean cleansUp) throws AgentUnreachableException {
        Exchange answered = template.request(cleansUp ? slow : quick, exchange -> {
            Message request = exchange.getMessage();
            request.setHeader(Exchange.HTTP_METHOD, method);
            request.setHeader(Exchange.HTTP_PATH, path);
            request.setHeader(Exchange.CONTENT_TYPE, "application/json");
            token.ifPresent(secret -> request.setHeader("Authorization", "Bearer " + secret.value()));
            request.setBody(json);
        });
        if (answered.getException() != null) {
            throw new AgentUnreachableException("the agent at " + address + " did not answer " + method + " " + path,
                    Failures.reason(answered.getException()), answered.getException());
        }
        int status = answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = answered.getMessage().getBody(byte[].class);
        JsonNode parsed = null;
        if (body != null && body.length > 0) {
            try {
                parsed = JSON.readTree(body);
            } catch (IOException e) {
                throw new AgentUnreachableException("the agent at " + address + " answered " + method + " " + path + " with HTTP "
                        + status, "a body that is not JSON (is it a Lifeboat agent?)", e);
            }
        }
        return new Answer(status, parsed);
    }
}
