package io.lifeboat.backup;

import io.lifeboat.claim.Claim;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.store.StoreUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Ends a backup's hold on its snapshot name. A backup that failed first removes what it wrote, and what its
 * nodes' unfinished uploads left (an agent that died mid-upload leaves one), so a failed run leaves nothing
 * under the name; when the store cannot be reached, that is left to the next backup under the name, which
 * removes it before it writes. A run that lost the name to another removes nothing: it is no longer its.
 */
final class ReleaseClaim implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseClaim.class);

    @Override
    public void process(Exchange exchange) {
        PlanRun run = PlanRun.of(exchange);
        Optional<Claim> claim = run.claim();
        if (claim.isEmpty()) {
            return;
        }
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (storeUnavailable(failure)) {
            claim.get().abandon();
            return;
        }
        try {
            if (failure != null) {
                claim.get().checkHeld();
                UnderTheName.removeAllButTheClaim(run);
            }
        } catch (IOException | RuntimeException e) {
            // The failure already being reported is what the operator needs; a rerun cleans what is left.
            LOG.debug("{}: could not remove what the run wrote: {}", run.snapshot(), e.getMessage());
        }
        try {
            claim.get().close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: could not release the snapshot name: {}", run.snapshot(), e.getMessage());
        }
    }

    private static boolean storeUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
