package io.lifeboat.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.PlanFailedException;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Whether every node of the cluster is up and on the same schema, asked of each node itself ({@code system.local} on
 * that node), not of one node's gossip: a node that has not applied a table yet cannot take its SSTables.
 */
final class SchemaAgreement {

    private static final Duration QUESTION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final CassandraCql cql;
    private final Function<InetSocketAddress, String> names;

    /** @param names how a node is named in messages, from its CQL address: "node 1 (10.0.0.12)" */
    SchemaAgreement(CassandraCql cql, Function<InetSocketAddress, String> names) {
        this.cql = cql;
        this.names = names;
    }

    /** Waits until every node answers with one schema version, for at most {@code timeout}; else fails naming the nodes. */
    void await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, String> answers = answers();
            long versions = answers.values().stream().filter(answer -> answer.startsWith("schema ")).distinct().count();
            boolean allAnswered = answers.values().stream().allMatch(answer -> answer.startsWith("schema "));
            if (allAnswered && versions == 1) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PlanFailedException(allAnswered ? disagreement(answers, timeout) : silence(answers, timeout));
            }
            pause();
        }
    }

    /** Each node's answer, by name: {@code schema <version>}, or why it did not answer. */
    private Map<String, String> answers() {
        Map<String, String> answers = new TreeMap<>();
        Collection<Node> nodes = cql.session().getMetadata().getNodes().values();
        for (Node node : nodes) {
            String name = names.apply(node.getBroadcastRpcAddress().orElse((InetSocketAddress) node.getEndPoint().resolve()));
            try {
                Row row = cql.session().execute(SimpleStatement.newInstance("SELECT schema_version FROM system.local").setNode(node)
                        .setTimeout(QUESTION_TIMEOUT)).one();
                UUID version = row == null ? null : row.getUuid("schema_version");
                answers.put(name, "schema " + version);
            } catch (RuntimeException e) {
                answers.put(name, "does not answer (" + Failures.reason(e) + ")");
            }
        }
        return answers;
    }

    private static String disagreement(Map<String, String> answers, Duration timeout) {
        List<String> lines = new ArrayList<>();
        answers.forEach((node, answer) -> lines.add(node + " has " + answer));
        return "the nodes do not agree on the schema after " + timeout.toSeconds() + " s: " + String.join(", ", lines);
    }

    private static String silence(Map<String, String> answers, Duration timeout) {
        List<String> lines = new ArrayList<>();
        answers.forEach((node, answer) -> {
            if (!answer.startsWith("schema ")) {
                lines.add(node + " " + answer);
            }
        });
        return String.join("; ", lines) + " (waited " + timeout.toSeconds() + " s): every node of the target must be up";
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanFailedException("interrupted while waiting for the nodes to agree on the schema");
        }
    }
}
