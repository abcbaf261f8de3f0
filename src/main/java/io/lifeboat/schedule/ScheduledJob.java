package io.lifeboat.schedule;

import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.RetentionPolicy;
import io.lifeboat.kernel.StoreKind;

/** What a schedule does at each fire: run a plan, or purge a store by a retention policy. */
public sealed interface ScheduledJob {

    /** How the job is named where schedules are listed: the plan's id, or {@code purge}. */
    String label();

    /** The store the job works on: the health check asks whether it can be reached. */
    StoreKind store();

    /** A plan, whose SNAPSHOT_NAME each fire renders from a template ({@link Schedule#snapshotName}). */
    record RunPlan(Plan plan, String snapshotNameTemplate) implements ScheduledJob {
        @Override
        public String label() {
            return plan.id();
        }

        @Override
        public StoreKind store() {
            return plan.store();
        }
    }

    /** {@code lifeboat snapshots purge} of one store, with the policy of the schedule's {@code keep-*} keys. */
    record Purge(StoreKind store, RetentionPolicy policy) implements ScheduledJob {
        @Override
        public String label() {
            return "purge";
        }
    }
}
