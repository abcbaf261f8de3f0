package io.lifeboat.kernel;

import java.util.regex.Pattern;

/** The name of a snapshot: one safe path segment, used as the folder of the snapshot in every store. */
public record SnapshotName(String value) {

    // Letters, digits, dot, dash, underscore; no leading dot so it is never hidden nor "." or "..".
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");

    public SnapshotName {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new ParameterException("SNAPSHOT_NAME",
                    "SNAPSHOT_NAME must be 1-200 characters of letters, digits, '.', '_' or '-', not starting with '.' or '-'"
                            + (value == null ? "" : " (got '" + value + "')"));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
