package io.lifeboat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.testing.AgentCluster;
import io.lifeboat.testing.AgentProcess;
import io.lifeboat.testing.Eventually;
import io.lifeboat.testing.GatedProxy;
import io.lifeboat.testing.Http;
import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestPostgres;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code lifeboat serve} processes sharing one schedule through Quartz's clustered JDBC store on a real
 * PostgreSQL: the tables are made once, both coordinators join, every fire runs on exactly one of them, and
 * a schedule paused through one is paused for both, and the database password is written nowhere.
 */
@ExtendWith(TestServers.class)
class ClusteredSchedulesIT {

    private static final String PASSWORD = "scheduler-db-password-7731";
    private static final String AGENT_TOKEN = "clustered-agent-token";
    private static final Pattern COMPLETED = Pattern.compile("backup-local (nightly-\\d{8}-\\d{6}): complete");

    @TempDir
    Path scratch;

    @Test
    void everyFireRunsOnExactlyOneCoordinatorAndThePasswordIsStoredNowhere() throws Exception {
        String database = TestPostgres.server().newDatabase();
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), 2);
        Path backups = Files.createDirectories(scratch.resolve("backups"));
        Path logs = Files.createDirectories(scratch.resolve("logs"));
        List<LauncherProcess> coordinators = new ArrayList<>();
        List<String> apis = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                int port = TestServers.freePort("127.0.0.1");
                apis.add("http://127.0.0.1:" + port + "/v1/schedules");
                coordinators.add(LauncherProcess.start("-Dorg.slf4j.simpleLogger.log.io.lifeboat=info", Map.of(
                        "LIFEBOAT_SERVER_PORT", String.valueOf(port),
                        "LIFEBOAT_SHUTDOWN_GRACE_SECONDS", "5",
                        "LIFEBOAT_SCHEDULER_STORE", "jdbc",
                        "LIFEBOAT_SCHEDULER_JDBC_URL", database,
                        "LIFEBOAT_SCHEDULER_JDBC_USER", TestPostgres.USER,
                        "LIFEBOAT_SCHEDULER_JDBC_PASSWORD", PASSWORD,
                        "LIFEBOAT_SCHEDULE_NIGHTLY_CRON", "0/2 * * * * ?",
                        "LIFEBOAT_SCHEDULE_NIGHTLY_PARAMETERS_BACKUP_DIR", backups.toString()),
                        logs, List.of("serve", "--cluster", cluster.toString())));
            }
            Eventually.await(Duration.ofSeconds(120), "both coordinators serve and have checked in", () ->
                    coordinators.stream().allMatch(coordinator -> output(coordinator).contains("serving"))
                            && count(database, "SELECT count(*) FROM qrtz_scheduler_state") == 2);
            Eventually.await(Duration.ofSeconds(120), "two scheduled backups complete", () -> manifests(backups).size() >= 2);

            // Paused through one coordinator, the trigger is paused for both: its state is a row they share.
            Http.Response paused = Http.post(apis.get(0) + "/nightly/pause", "", null);
            assertEquals(200, paused.status(), paused.body());
            assertEquals("PAUSED", paused.json().path("state").asText(), paused.body());
            assertEquals("PAUSED", Http.get(apis.get(1), null).json().path("schedules").path(0).path("state").asText());
            assertEquals("PAUSED", text(database, "SELECT trigger_state FROM qrtz_triggers"));
            assertEquals(404, Http.post(apis.get(1) + "/weekly/pause", "", null).status());

            Http.Response resumed = Http.post(apis.get(1) + "/nightly/resume", "", null);
            assertEquals(200, resumed.status(), resumed.body());
            int before = manifests(backups).size();
            Eventually.await(Duration.ofSeconds(120), "two more scheduled backups complete once resumed",
                    () -> manifests(backups).size() >= before + 2);
        } finally {
            for (LauncherProcess coordinator : coordinators) {
                coordinator.stop();
            }
        }

        List<String> completed = new ArrayList<>();
        StringBuilder everything = new StringBuilder();
        for (LauncherProcess coordinator : coordinators) {
            String output = coordinator.output();
            everything.append(output);
            Matcher matcher = COMPLETED.matcher(output);
            while (matcher.find()) {
                completed.add(matcher.group(1));
            }
            assertFalse(output.contains("not started") || output.contains("FAILED"), output);
        }
        List<String> snapshots = manifests(backups);
        assertEquals(snapshots.stream().sorted().toList(), completed.stream().sorted().toList(),
                "each snapshot was written by one coordinator, once:\n" + everything);
        assertEquals(1, count(database, "SELECT count(*) FROM qrtz_cron_triggers"), "one trigger for the one schedule, shared");
        assertFalse(everything.toString().contains(PASSWORD), "the database password is in a coordinator's output");
        assertFalse(tablesText(database).contains(PASSWORD), "the database password is in Quartz's tables");
    }

    /**
     * The coordinator running a scheduled backup is killed mid-upload (held there by a proxy); the other takes the
     * fire over from Quartz's tables, under the same snapshot name and run id, finds the run going on on the
     * agents (node 0's upload carried on without a coordinator), and finishes that one snapshot.
     */
    @Test
    void aFireWhoseCoordinatorIsKilledIsFinishedByTheOtherAsOneSnapshot() throws Exception {
        String database = TestPostgres.server().newDatabase();
        AgentCluster cluster = AgentCluster.large(scratch.resolve("cluster"), AgentCluster.hosts("127.0.0.", 12, 2), 16 * 1024 * 1024);
        Path logs = Files.createDirectories(scratch.resolve("logs"));
        List<AgentProcess> agents = AgentProcess.startAll(cluster, AgentProcess.environment(AGENT_TOKEN, "20s", "60s"), logs);
        Map<String, String> store = StoreFixture.S3.newStore(scratch);
        URI s3 = URI.create(store.get("AWS_ENDPOINT_URL"));
        List<LauncherProcess> coordinators = new ArrayList<>();
        List<String> apis = new ArrayList<>();
        try (GatedProxy proxy = GatedProxy.to(s3.getHost(), s3.getPort())) {
            proxy.holdAfter(GatedProxy.Direction.UPSTREAM, 4L * 1024 * 1024);
            for (int i = 0; i < 2; i++) {
                int port = TestServers.freePort("127.0.0.1");
                apis.add("http://127.0.0.1:" + port + "/v1");
                Map<String, String> environment = new HashMap<>(StoreFixture.S3.through(store, proxy));
                environment.putAll(Map.of(
                        "LIFEBOAT_SERVER_PORT", String.valueOf(port),
                        "LIFEBOAT_SHUTDOWN_GRACE_SECONDS", "5",
                        "LIFEBOAT_SCHEDULER_STORE", "jdbc",
                        "LIFEBOAT_SCHEDULER_JDBC_URL", database,
                        "LIFEBOAT_SCHEDULER_JDBC_USER", TestPostgres.USER,
                        "LIFEBOAT_SCHEDULER_CHECKIN_INTERVAL", "2s",
                        "LIFEBOAT_SCHEDULE_NIGHTLY_CRON", "0/2 * * * * ?",
                        "LIFEBOAT_SCHEDULE_NIGHTLY_PLAN", "backup-s3",
                        "LIFEBOAT_AGENT_TOKEN", AGENT_TOKEN));
                // The store's parameters come from the service's environment; the shipped schedule's directory is not one.
                environment.put("LIFEBOAT_SCHEDULE_NIGHTLY_PARAMETERS_BACKUP_DIR", "");
                environment.put("LIFEBOAT_AGENT_TIMEOUT", "20s");
                coordinators.add(LauncherProcess.start("", environment, logs, List.of("serve", "--cluster", cluster.file().toString())));
            }
            proxy.awaitHeld(Duration.ofSeconds(120));
            int running = runningCoordinator(apis);
            JsonNode fire = Http.get(apis.get(running) + "/plans/backup-s3", null).json();
            String snapshot = fire.path("snapshot").asText();
            String run = fire.path("id").asText();

            long killed = System.nanoTime();
            coordinators.get(running).kill();
            // The agents' upload goes on without its coordinator; the other one reaches the store through the proxy too.
            proxy.release();
            LauncherProcess other = coordinators.get(1 - running);
            try {
                Eventually.await(Duration.ofSeconds(60), "the other coordinator takes run " + run + " over on the agents",
                        () -> agents.get(0).output().contains("run " + run + " asked for again: carried on"));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- the other coordinator\n" + output(other) + "--- node 0's agent\n"
                        + agents.get(0).output(), e);
            }
            Eventually.await(Duration.ofSeconds(60), "the other coordinator completes snapshot " + snapshot,
                    () -> output(other).contains("backup-s3 " + snapshot + ": complete"));
            Duration took = Duration.ofNanos(System.nanoTime() - killed);

            assertTrue(StoreFixture.S3.keys(store).contains(snapshot + "/manifest.json"));
            assertEquals(1, lines(agents.get(0).output(), "run " + run + " opened"), "the run was carried on, not started again");
            assertEquals(PlanRoundTripIT.snapshotKeys(snapshot, ".tar.gz", 2), StoreFixture.S3.keys(store).stream()
                    .filter(key -> key.startsWith(snapshot + "/")).toList(), "one whole snapshot");
            assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0);
            System.out.printf("coordinator killed mid-backup: the other finished snapshot %s %.1f s after the kill%n", snapshot,
                    took.toMillis() / 1000.0);
            Http.post(apis.get(1 - running) + "/schedules/nightly/pause", "", null);
        } finally {
            for (LauncherProcess coordinator : coordinators) {
                coordinator.stop();
            }
            for (AgentProcess agent : agents) {
                agent.close();
            }
        }
    }

    /** The coordinator whose backup is in progress. */
    private static int runningCoordinator(List<String> apis) throws Exception {
        for (int i = 0; i < apis.size(); i++) {
            if ("IN_PROGRESS".equals(Http.get(apis.get(i) + "/plans/backup-s3", null).field("state"))) {
                return i;
            }
        }
        throw new AssertionError("no coordinator runs the held backup");
    }

    private static long lines(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    private static String output(LauncherProcess process) {
        try {
            return process.output();
        } catch (IOException e) {
            return "";
        }
    }

    /** The snapshots with a manifest: complete ones. */
    private static List<String> manifests(Path backups) throws Exception {
        try (Stream<Path> folders = Files.list(backups)) {
            return folders.filter(folder -> Files.exists(folder.resolve("manifest.json")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList();
        }
    }

    private static String text(String database, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(database, TestPostgres.USER, "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

    private static long count(String database, String query) throws Exception {
        try {
            return Long.parseLong(text(database, query));
        } catch (SQLException e) {
            // Before the first coordinator made the tables.
            return -1;
        }
    }

    /** Every row of every Quartz table, binary columns as Latin-1 text. */
    private static String tablesText(String database) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(database, TestPostgres.USER, "");
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE 'qrtz_%'")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            assertTrue(tables.size() >= 10, "Quartz's tables: " + tables);
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            byte[] bytes = rows.getBytes(column);
                            text.append(bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1)).append('\t');
                        }
                    }
                }
            }
        }
        return text.toString();
    }
}
