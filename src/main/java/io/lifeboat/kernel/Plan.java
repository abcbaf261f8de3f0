package io.lifeboat.kernel;


import java.util.Arrays;
import java.util.Optional;

/** The plans an operator can start, named as DC/OS operators know them. */
public enum Plan {
    BACKUP_S3("backup-s3", Operation.BACKUP, StoreKind.S3),
    RESTORE_S3("restore-s3", Operation.RESTORE, StoreKind.S3),
    BACKUP_AZURE("backup-azure", Operation.BACKUP, StoreKind.AZURE),
    RESTORE_AZURE("restore-azure", Operation.RESTORE, StoreKind.AZURE),
    BACKUP_LOCAL("backup-local", Operation.BACKUP, StoreKind.LOCAL),
    RESTORE_LOCAL("restore-local", Operation.RESTORE, StoreKind.LOCAL);

    private final String id;
    private final Operation operation;
    private final StoreKind store;

    Plan(String id, Operation operation, StoreKind store) {
        this.id = id;
        this.operation = operation;
        this.store = store;
    }

    public String id() {
        return id;
    }

    public Operation operation() {
        return operation;
    }

    public StoreKind store() {
        return store;
    }

    public static Optional<Plan> byId(String id) {
        return Arrays.stream(values()).filter(plan -> plan.id.equals(id)).findFirst();
    }

    /** Every plan's id, as help and errors list them. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Plan::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
