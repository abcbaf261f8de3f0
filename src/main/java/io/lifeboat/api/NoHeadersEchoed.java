package io.lifeboat.api;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The API's answers carry no message header as a response header: the server copies every message header to
 * the response, and the message holds the request's headers and query parameters, which would be echoed back.
 * Status and Content-Type are written by the server on their own. Incoming headers are filtered as usual.
 */
final class NoHeadersEchoed extends HttpHeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return true;
    }
}
