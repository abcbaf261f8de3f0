package io.lifeboat.store;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One of Camel's storage endpoints (aws2-s3, azure-storage-blob) for one store, with the client Lifeboat
 * built for that store bound into it: a call is a message sent to the endpoint, and a failure comes back as the
 * exception the component threw, for the store to put in words.
 */
final class StoreEndpoint implements AutoCloseable {

    private static final AtomicLong NEXT = new AtomicLong();

    private final CamelContext camel;
    private final Supplier<Endpoint> resolve;
    private final String clientName;
    private Endpoint endpoint;
    private ProducerTemplate template;

    private StoreEndpoint(CamelContext camel, Supplier<Endpoint> resolve, String clientName) {
        this.camel = camel;
        this.resolve = resolve;
        this.clientName = clientName;
    }

    /**
     * Binds {@code client} under a name of its own and resolves the endpoint {@code uriBeforeClient + name}, so
     * that every store's endpoint uses its own client, whatever else the registry holds.
     */
    static StoreEndpoint withClient(CamelContext camel, String uriBeforeClient, Object client) {
        String name = "lifeboat-store-client-" + NEXT.incrementAndGet();
        camel.getRegistry().bind(name, client);
        return new StoreEndpoint(camel, () -> camel.getEndpoint(uriBeforeClient + "#" + name), name);
    }

    /**
     * Sends {@code body} with {@code headers} and answers the reply, or throws what the component threw. The
     * endpoint is resolved on first use, inside the store's call, so that what starting it asks of the store (the
     * aws2-s3 endpoint looks for its bucket) fails in the store's words.
     */
    Message send(Object body, Map<String, Object> headers) {
        Exchange done;
        try {
            done = template().send(endpoint, exchange -> {
                exchange.getMessage().setHeaders(new HashMap<>(headers));
                exchange.getMessage().setBody(body);
            });
        } catch (RuntimeException e) {
            throw unwrapped(e);
        }
        if (done.getException() != null) {
            throw unwrapped(done.getException());
        }
        return done.getMessage();
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            endpoint = resolve.get();
            template = camel.createProducerTemplate();
        }
        return template;
    }

    /** The component's own exception, from inside the ones Camel wraps it in when resolving or starting an endpoint. */
    private static RuntimeException unwrapped(Exception failure) {
        Throwable cause = failure;
        while (cause instanceof CamelException || cause instanceof RuntimeCamelException) {
            if (cause.getCause() == null) {
                break;
            }
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException unchecked ? unchecked : new RuntimeCamelException(cause);
    }

    @Override
    public synchronized void close() {
        camel.getRegistry().unbind(clientName);
        if (template == null) {
            return;
        }
        try {
            template.close();
            camel.removeEndpoint(endpoint);
        } catch (Exception ignored) {
            // Stopping an endpoint that holds no connection of its own (the store's client does) has nothing to lose.
        }
    }
}
