package io.lifeboat.kernel;

import java.util.Set;

/** A credential that must never be printed: its string form is a mask. */
public record Secret(String value) {

    /** The parameters that carry secrets: from the environment only, never from a file or a URL. */
    public static final Set<String> PARAMETERS = Set.of("AWS_SECRET_ACCESS_KEY", "AZURE_STORAGE_KEY", "CLIENT_SECRET",
            "CASSANDRA_PASSWORD", "CASSANDRA_JMX_PASSWORD");

    @Override
    public String toString() {
        return "****";
    }
}
