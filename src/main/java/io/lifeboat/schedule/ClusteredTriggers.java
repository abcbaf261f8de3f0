package io.lifeboat.schedule;

import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.SchedulerSettings;
import io.lifeboat.kernel.Secret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Quartz's clustered JDBC job store on PostgreSQL, which every coordinator naming the same database shares:
 * each fire runs on one of them, and a trigger paused by one is paused for all. The tables are made on first
 * start from the DDL that ships in the Quartz jar.
 */
public final class ClusteredTriggers {

    /** The scheduler's name, the same on every coordinator (as is camel.main.name, by which a fire finds its context). */
    public static final String NAME = "lifeboat";

    private static final String DDL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    // Two coordinators starting at once: only one makes the tables.
    private static final long CREATE_TABLES_LOCK = 0x4c6966650001L;

    private ClusteredTriggers() {
    }

    /** The Quartz settings that put the triggers in the database. */
    public static Map<String, String> quartzProperties(SchedulerSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("org.quartz.scheduler.instanceName", NAME);
        properties.put("org.quartz.scheduler.instanceId", "AUTO");
        properties.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.put("org.quartz.jobStore.dataSource", NAME);
        properties.put("org.quartz.jobStore.isClustered", "true");
        properties.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(settings.checkinInterval().toMillis()));
        properties.put("org.quartz.dataSource." + NAME + ".provider", "hikaricp");
        properties.put("org.quartz.dataSource." + NAME + ".driver", "org.postgresql.Driver");
        properties.put("org.quartz.dataSource." + NAME + ".URL", settings.jdbcUrl().orElseThrow());
        properties.put("org.quartz.dataSource." + NAME + ".user", settings.user().orElseThrow());
        settings.password().ifPresent(password -> properties.put("org.quartz.dataSource." + NAME + ".password", password.value()));
        properties.put("org.quartz.dataSource." + NAME + ".maxConnections", "5");
        return properties;
    }

    /**
     * Makes Quartz's tables unless they exist, under a lock so that coordinators starting together make them once.
     *
     * @throws IllegalStateException naming the database when it cannot be reached or the tables cannot be made
     */
    public static void createTablesIfMissing(SchedulerSettings settings) {
        String url = settings.jdbcUrl().orElseThrow();
        try (Connection connection = DriverManager.getConnection(url, settings.user().orElseThrow(),
                settings.password().map(Secret::value).orElse(null));
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(" + CREATE_TABLES_LOCK + ")");
            if (!tablesExist(statement)) {
                for (String ddl : statements()) {
                    statement.execute(ddl);
                }
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the scheduler's database " + url + ": " + Failures.reason(e), e);
        }
    }

    private static boolean tablesExist(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT to_regclass('qrtz_triggers') IS NOT NULL")) {
            result.next();
            return result.getBoolean(1);
        }
    }

    /** The DDL's statements without its comments and without the DROP TABLEs it starts with. */
    private static List<String> statements() throws IOException {
        String script;
        try (InputStream in = ClusteredTriggers.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IOException("the Quartz jar has no " + DDL);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withoutComments = script.lines().filter(line -> !line.stripLeading().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(ddl -> !ddl.isEmpty() && !ddl.toUpperCase(Locale.ROOT).startsWith("DROP ") && !ddl.equalsIgnoreCase("COMMIT"))
                .toList();
    }
}
