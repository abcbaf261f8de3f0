package io.lifeboat.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a JSON answer. Every request header and query parameter is dropped first: none is ever echoed back. */
final class ApiResponse {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ApiResponse() {
    }

    static void json(Exchange exchange, int status, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer could not be written as JSON", e);
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }

    static void error(Exchange exchange, int status, String error) {
        json(exchange, status, Map.of("error", error));
    }

    static void parameterError(Exchange exchange, String parameter, String error) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("parameter", parameter);
        json(exchange, 400, body);
    }
}
