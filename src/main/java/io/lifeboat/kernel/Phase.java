package io.lifeboat.kernel;

import java.util.Locale;

/** A stage of a plan's run, as the routes enter them and the API, JMX and the command line show them. */
public enum Phase {
    CHECK, SAVE_SCHEMA, SNAPSHOT, UPLOAD, CLEAN_UP, WRITE_MANIFEST, RESTORE_NODES, LOAD_KEYSPACES;

    /** {@code check}, {@code save-schema}, ...: how the phase is named to operators. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
