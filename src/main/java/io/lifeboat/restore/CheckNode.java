package io.lifeboat.restore;

import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Optional;

/**
 * Refuses the restore, before anything is written anywhere, if a keyspace being created (or a table created in a
 * keyspace that stays) already exists on the node. The body is unchanged. {@link ClaimNode} asks again once the
 * node is claimed.
 */
final class CheckNode implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        PlanRun run = PlanRun.of(exchange);
        refuseExisting(run, exchange.getMessage().getMandatoryBody(NodeRestore.class));
    }

    static void refuseExisting(PlanRun run, NodeRestore request) throws Exception {
        Optional<String> existing = run.cluster().existing(request.node(), request.restoring());
        if (existing.isPresent()) {
            String what = existing.get().contains(".") ? "table " : "keyspace ";
            throw new PlanFailedException(request.node() + ": " + what + existing.get() + " already exists; drop or move it, or restore"
                    + " under another name (RENAME), before restoring");
        }
    }
}
