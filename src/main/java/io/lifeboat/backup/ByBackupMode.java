package io.lifeboat.backup;

import io.lifeboat.kernel.BackupMode;
import io.lifeboat.plan.PlanRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A node's upload as the run's backup mode says: one archive (full), or file by file (differential). */
final class ByBackupMode implements Processor {

    private final Processor full;
    private final Processor differential;

    ByBackupMode(Processor full, Processor differential) {
        this.full = full;
        this.differential = differential;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        (PlanRun.of(exchange).request().mode() == BackupMode.DIFFERENTIAL ? differential : full).process(exchange);
    }
}
