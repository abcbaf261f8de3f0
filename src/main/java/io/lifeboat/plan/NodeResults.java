package io.lifeboat.plan;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;

/**
 * Gathers what each node's route ended with into a list, in node order. The first node failure becomes the
 * fan-out's failure, reported once every node that had started has ended: a plan's cleanup never runs under
 * a node still writing.
 */
final class NodeResults implements AggregationStrategy {

    private final GroupedBodyAggregationStrategy bodies = new GroupedBodyAggregationStrategy();

    @Override
    public Exchange aggregate(Exchange gathered, Exchange node) {
        Exception failure = gathered == null ? null : gathered.getException();
        Exchange result = bodies.aggregate(gathered, node);
        if (failure == null) {
            failure = node.getException();
        }
        result.setException(failure);
        return result;
    }

    @Override
    public void onCompletion(Exchange gathered) {
        bodies.onCompletion(gathered);
    }
}
