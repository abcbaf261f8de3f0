package io.lifeboat.cassandra;

import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.Secret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Optional CQL and JMX credentials of a Cassandra cluster, from CASSANDRA_USERNAME / CASSANDRA_PASSWORD and
 * CASSANDRA_JMX_USERNAME / CASSANDRA_JMX_PASSWORD (the environment, typically).
 */
public record CassandraCredentials(Optional<String> cqlUser, Optional<Secret> cqlPassword, Optional<String> jmxUser,
                                   Optional<Secret> jmxPassword) {

    public static final List<String> PARAMETERS =
            List.of("CASSANDRA_USERNAME", "CASSANDRA_PASSWORD", "CASSANDRA_JMX_USERNAME", "CASSANDRA_JMX_PASSWORD");

    public static CassandraCredentials from(PlanParameters parameters) {
        return new CassandraCredentials(parameters.optional("CASSANDRA_USERNAME"), parameters.secret("CASSANDRA_PASSWORD"),
                parameters.optional("CASSANDRA_JMX_USERNAME"), parameters.secret("CASSANDRA_JMX_PASSWORD"));
    }

    /** The parameters that give these credentials again, passwords included: what a node's agent is handed. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        cqlUser.ifPresent(user -> parameters.put("CASSANDRA_USERNAME", user));
        cqlPassword.ifPresent(password -> parameters.put("CASSANDRA_PASSWORD", password.value()));
        jmxUser.ifPresent(user -> parameters.put("CASSANDRA_JMX_USERNAME", user));
        jmxPassword.ifPresent(password -> parameters.put("CASSANDRA_JMX_PASSWORD", password.value()));
        return parameters;
    }
}
