package io.lifeboat.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Makes the body the answer with this status; the REST binding then writes it as JSON. */
final class JsonAnswer implements Processor {

    private final int status;

    JsonAnswer(int status) {
        this.status = status;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        // The request's own Content-Type is still on the message; the binding writes JSON only under a JSON type.
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }
}
