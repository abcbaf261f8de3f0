package io.lifeboat.plan;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;

import java.util.concurrent.ExecutorService;

/**
 * Fixed pools made by Camel, so they are managed and shut down with the context. Unlike Camel's default
 * profile (1000 queued, then the caller runs the task) the queue has no bound: the size is the bound on
 * work running at once, whatever is queued.
 */
public final class FixedPools {

    private FixedPools() {
    }

    public static ExecutorService create(CamelContext context, Object source, String name, int threads) {
        return context.getExecutorServiceManager().newThreadPool(source, name,
                new ThreadPoolProfileBuilder(name).poolSize(threads).maxPoolSize(threads).maxQueueSize(-1).build());
    }
}
