package io.lifeboat;

import io.lifeboat.app.LifeboatService;
import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;
import io.lifeboat.ops.LifeboatManagement;
import io.lifeboat.testing.Eventually;
import io.lifeboat.testing.Http;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.ServiceHome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lifeboat serve} in this JVM: schedules firing real backups, the REST API over HTTP, JMX, the token. */
@ExtendWith(TestServers.class)
class ServiceIT {

    private static final String SECRET = "secret-key-that-must-never-show-9137";
    // Random data is stored, not compressed: a run of 2 such nodes takes seconds only because the store ingests them.
    private static final int SLOW_NODE_BYTES = 96 * 1024 * 1024;

    @TempDir
    Path scratch;

    private LifeboatService service;

    @AfterEach
    void stopService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aScheduleFiresRealBackupsThatNeverOverlapUntilItIsPausedThroughJmx() throws Exception {
        Path cluster = TrickyCluster.large(scratch.resolve("cluster"), 2, SLOW_NODE_BYTES);
        Map<String, String> s3 = StoreFixture.S3.newStore(scratch);
        Map<String, String> properties = new HashMap<>(Map.of(
                "lifeboat.schedule.nightly.cron", "* * * * * ?",
                "lifeboat.schedule.nightly.plan", "backup-s3",
                "lifeboat.schedule.nightly.snapshot-name", "nightly-{now:yyyyMMdd-HHmmss}"));
        s3.forEach((name, value) -> {
            if (!name.equals("AWS_SECRET_ACCESS_KEY")) {
                properties.put("lifeboat.schedule.nightly.parameters." + name, value);
            }
        });
        List<RunView> runs = Collections.synchronizedList(new ArrayList<>());
        service = start(properties, cluster, Map.of("AWS_SECRET_ACCESS_KEY", SECRET));
        service.plans().addListener((run, result) -> runs.add(run));

        Eventually.await(Duration.ofSeconds(60), "two scheduled runs complete", () -> completed(runs) >= 2);
        assertEquals(200, Http.get(service.address() + "/observe/health", null).status(), "the schedule's store is reachable");
        String paused = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(LifeboatManagement.OBJECT_NAME),
                "pauseSchedule", new Object[] {"nightly"}, new String[] {String.class.getName()});
        assertTrue(paused.equals("schedule nightly: PAUSED") || paused.equals("schedule nightly: BLOCKED"), paused);
        // A paused trigger fires no more, whatever the clock does next.
        Eventually.await(Duration.ofSeconds(60), "the trigger is paused", () -> nightlyTrigger() == Trigger.TriggerState.PAUSED);
        Eventually.await(Duration.ofSeconds(60), "the last run ends", () -> service.plans().currentRun().isEmpty());

        List<RunView> ordered = new ArrayList<>(runs);
        for (int i = 1; i < ordered.size(); i++) {
            assertTrue(!ordered.get(i).startedAt().isBefore(ordered.get(i - 1).endedAt()), "runs overlap: " + ordered);
        }
        Duration span = Duration.between(ordered.get(0).startedAt(), ordered.get(ordered.size() - 1).endedAt());
        assertTrue(ordered.size() < span.toSeconds(), ordered.size() + " runs in " + span + ": fires during a run must not queue");
        for (RunView run : ordered) {
            assertEquals("schedule nightly", run.trigger());
            assertTrue(run.snapshot().matches("nightly-\\d{8}-\\d{6}"), run.snapshot());
            assertTrue(StoreFixture.S3.keys(s3).contains(run.snapshot() + "/manifest.json"), run.snapshot());
        }
    }

    @Test
    void aPurgeScheduleDropsWhatItsRulesDoNotKeep() throws Exception {
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), 2);
        Map<String, String> local = StoreFixture.LOCAL.newStore(scratch);
        for (String snapshot : List.of("monday", "tuesday", "wednesday")) {
            Map<String, String> parameters = new HashMap<>(local);
            parameters.put("SNAPSHOT_NAME", snapshot);
            parameters.put("BACKUP_MODE", "differential");
            assertEquals(0, LifeboatCommand.plan("backup-local", cluster, parameters).exitCode());
        }
        service = start(Map.of("lifeboat.schedule.nightly.cron", "* * * * * ?", "lifeboat.schedule.nightly.plan", "purge",
                        "lifeboat.schedule.nightly.store", "local", "lifeboat.schedule.nightly.keep-last", "1",
                        "lifeboat.schedule.nightly.parameters.BACKUP_DIR", local.get("BACKUP_DIR")),
                cluster, Map.of("LIFEBOAT_PURGE_GRACE", "0s"));

        Eventually.await(Duration.ofSeconds(60), "the purge keeps one snapshot", () -> manifests(local).equals(List.of("wednesday")));
        assertTrue(service.enabledSchedules().contains("nightly (purge)"), service.enabledSchedules().toString());
        Map<String, String> restore = new HashMap<>(local);
        restore.put("SNAPSHOT_NAME", "wednesday");
        Path target = TrickyCluster.empty(scratch.resolve("target"), 2);
        assertEquals(0, LifeboatCommand.plan("restore-local", target, restore).exitCode());
        assertEquals(TreeFingerprint.of(cluster.resolveSibling("nodes")), TreeFingerprint.of(target.resolveSibling("nodes")));
    }

    private static List<String> manifests(Map<String, String> store) throws IOException {
        return StoreFixture.LOCAL.keys(store).stream().filter(key -> key.endsWith("/manifest.json")).map(key -> key.substring(0, key.indexOf('/')))
                .toList();
    }

    @Test
    void theRestApiStartsReportsRefusesAndStopsPlans() throws Exception {
        Path cluster = TrickyCluster.large(scratch.resolve("cluster"), 2, SLOW_NODE_BYTES);
        Map<String, String> s3 = new HashMap<>(StoreFixture.S3.newStore(scratch));
        s3.put("AWS_SECRET_ACCESS_KEY", SECRET);
        service = start(Map.of("lifeboat.schedule.nightly.enabled", "false", "lifeboat.schedule.nightly.cron", "0 0 2 * * ?",
                "lifeboat.schedule.nightly.plan", "backup-local", "lifeboat.schedule.nightly.snapshot-name", "n"), cluster,
                Map.of("AWS_SECRET_ACCESS_KEY", SECRET));
        String api = service.address() + "/v1";
        List<String> answers = new ArrayList<>();

        Http.Response started = record(answers, Http.post(api + "/plans/backup-s3/start", json(s3, "SNAPSHOT_NAME", "via-rest"), null));
        assertEquals(202, started.status(), started.body());
        Http.Response busy = record(answers, Http.post(api + "/plans/restore-s3/start", json(s3, "SNAPSHOT_NAME", "via-rest"), null));
        assertEquals(409, busy.status(), busy.body());
        Eventually.await(Duration.ofSeconds(60), "backup-s3 complete",
                () -> record(answers, Http.get(api + "/plans/backup-s3", null)).field("state").equals("COMPLETE"));
        Http.Response status = record(answers, Http.get(api + "/plans/backup-s3", null));
        assertTrue(status.body().contains("\"bytesDone\":" + SLOW_NODE_BYTES + ",\"bytesTotal\":" + SLOW_NODE_BYTES), status.body());
        assertTrue(status.body().contains("{\"name\":\"write-manifest\",\"state\":\"COMPLETE\"}"), status.body());

        Http.Response listed = record(answers, Http.get(api + "/snapshots?store=s3&S3_BUCKET_NAME=" + s3.get("S3_BUCKET_NAME")
                + "&AWS_REGION=us-east-1&AWS_ACCESS_KEY_ID=test&AWS_ENDPOINT_URL=" + s3.get("AWS_ENDPOINT_URL"), null));
        assertEquals(200, listed.status(), listed.body());
        assertTrue(listed.body().contains("{\"snapshot\":\"via-rest\",\"state\":\"complete\""), listed.body());
        assertEquals("COMPLETE", record(answers, Http.get(api + "/plans", null)).json().path("plans").get(0).path("state").asText());

        Http.Response missing = record(answers, Http.post(api + "/plans/backup-s3/start", json(s3), null));
        assertEquals(400, missing.status(), missing.body());
        assertTrue(missing.body().contains("\"parameter\":\"SNAPSHOT_NAME\""), missing.body());
        assertEquals(400, record(answers, Http.post(api + "/plans/backup-s3/start", json(s3, "SNAPSHOT_NAME", "../up"), null)).status());
        assertEquals(400, record(answers, Http.post(api + "/plans/backup-s3/start", "[\"not an object\"]", null)).status());
        assertEquals(404, record(answers, Http.post(api + "/plans/backup-nowhere/start", "{}", null)).status());

        assertEquals(202, record(answers, Http.post(api + "/plans/backup-s3/start", json(s3, "SNAPSHOT_NAME", "stopped"), null)).status());
        Eventually.await(Duration.ofSeconds(30), "bytes flowing",
                () -> service.plans().currentRun().map(run -> run.bytesDone() > 0).orElse(false));
        Http.Response stopping = record(answers, Http.post(api + "/plans/backup-s3/stop", null, null));
        assertEquals(202, stopping.status(), stopping.body());
        Eventually.await(Duration.ofSeconds(30), "backup-s3 interrupted",
                () -> record(answers, Http.get(api + "/plans/backup-s3", null)).field("state").equals("INTERRUPTED"));
        assertFalse(StoreFixture.S3.keys(s3).contains("stopped/manifest.json"));
        assertEquals(List.of(), TestServers.s3Client().listMultipartUploads(b -> b.bucket(s3.get("S3_BUCKET_NAME"))).uploads());
        assertEquals(409, record(answers, Http.post(api + "/plans/backup-s3/stop", null, null)).status());

        for (String answer : answers) {
            assertFalse(answer.contains(SECRET), answer);
        }
    }

    @Test
    void theLifeboatMBeanStartsPlansAndNeverShowsTheirSecrets() throws Exception {
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), 2);
        Map<String, String> s3 = new HashMap<>(StoreFixture.S3.newStore(scratch));
        s3.put("AWS_SECRET_ACCESS_KEY", SECRET);
        service = start(Map.of("lifeboat.schedule.nightly.enabled", "false", "lifeboat.schedule.nightly.cron", "0 0 2 * * ?",
                "lifeboat.schedule.nightly.plan", "backup-local", "lifeboat.schedule.nightly.snapshot-name", "n"), cluster, Map.of());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName lifeboat = new ObjectName(LifeboatManagement.OBJECT_NAME);
        StringBuilder parameters = new StringBuilder("SNAPSHOT_NAME=via-jmx");
        s3.forEach((name, value) -> parameters.append(';').append(name).append('=').append(value));

        String started = (String) server.invoke(lifeboat, "startPlan", new Object[] {"backup-s3", parameters.toString()},
                new String[] {String.class.getName(), String.class.getName()});
        assertTrue(started.startsWith("run "), started);
        // The last backup is recorded just after the run reads COMPLETE: wait for what the MBean says.
        Eventually.await(Duration.ofSeconds(60), "backup-s3 complete",
                () -> "via-jmx".equals(server.getAttribute(lifeboat, "LastSuccessfulBackupSnapshot")));
        assertEquals(RunState.COMPLETE, service.plans().lastRun(Plan.BACKUP_S3).orElseThrow().state());
        assertTrue((Long) server.getAttribute(lifeboat, "LastSuccessfulBackupBytes") > 0);
        assertTrue(List.of((String[]) server.getAttribute(lifeboat, "PlanStates")).stream().anyMatch(line -> line.startsWith("backup-s3: COMPLETE")));
        String refused = (String) server.invoke(lifeboat, "startPlan", new Object[] {"backup-s3", "AWS_SECRET_ACCESS_KEY " + SECRET},
                new String[] {String.class.getName(), String.class.getName()});
        assertTrue(refused.startsWith("REFUSED"), refused);
        assertFalse(refused.contains(SECRET), refused);
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(lifeboat).getAttributes()) {
            Object value = server.getAttribute(lifeboat, attribute.getName());
            String text = value instanceof String[] lines ? String.join("\n", lines) : String.valueOf(value);
            assertFalse(text.contains(SECRET), attribute.getName() + ": " + text);
        }
        assertThrows(Exception.class, () -> server.setAttribute(lifeboat, new Attribute("LastSuccessfulBackupBytes", 1L)));

        // The schedule is disabled in the configuration: its route never runs, paused or not.
        assertEquals(List.of("nightly (backup-local): DISABLED"), List.of((String[]) server.getAttribute(lifeboat, "ScheduleStates")));
        String[] oneName = {String.class.getName()};
        assertTrue(((String) server.invoke(lifeboat, "pauseSchedule", new Object[] {"nightly"}, oneName))
                .startsWith("REFUSED: schedule nightly is disabled in the configuration"));
        assertTrue(((String) server.invoke(lifeboat, "resumeSchedule", new Object[] {"weekly"}, oneName)).startsWith("REFUSED: no schedule 'weekly'"));
    }

    @Test
    void boundBeyondTheDefaultLoopbackTheApiNeedsTheToken() throws Exception {
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), 1);
        Map<String, String> schedule = Map.of("lifeboat.schedule.nightly.enabled", "false", "lifeboat.schedule.nightly.cron", "0 0 2 * * ?",
                "lifeboat.schedule.nightly.plan", "backup-local", "lifeboat.schedule.nightly.snapshot-name", "n");
        ParameterException noToken = assertThrows(ParameterException.class, () -> start(schedule, cluster, Map.of(), "127.0.0.2"));
        assertEquals("lifeboat.server.token", noToken.parameter());

        service = start(schedule, cluster, Map.of("LIFEBOAT_SERVER_TOKEN", "open-sesame"), "127.0.0.2");
        String base = service.address();

        assertTrue(base.contains("127.0.0.2"), base);
        assertEquals(401, Http.get(base + "/v1/plans", null).status());
        assertEquals(401, Http.get(base + "/v1/plans", "wrong").status());
        assertEquals(401, Http.post(base + "/v1/plans/backup-local/start", "{}", null).status());
        assertEquals(401, Http.get(base + "/observe/health", null).status());
        assertEquals(401, Http.get(base + "/observe/metrics", null).status());
        assertEquals(200, Http.get(base + "/v1/plans", "open-sesame").status());
        assertEquals(200, Http.get(base + "/observe/health", "open-sesame").status());
        assertTrue(Http.get(base + "/observe/metrics", "open-sesame").body().contains("lifeboat_plan_state{plan=\"backup-s3\",state=\"PENDING\"} 1.0"));
    }

    @Test
    void healthIsDownWhileAScheduledStoreCannotBeReached() throws Exception {
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), 1);
        Map<String, String> properties = new HashMap<>(Map.of("lifeboat.schedule.nightly.cron", "0 0 2 * * ?",
                "lifeboat.schedule.nightly.plan", "backup-s3", "lifeboat.schedule.nightly.snapshot-name", "n",
                "lifeboat.schedule.nightly.parameters.S3_BUCKET_NAME", "no-such-bucket",
                "lifeboat.schedule.nightly.parameters.AWS_REGION", "us-east-1",
                "lifeboat.schedule.nightly.parameters.AWS_ACCESS_KEY_ID", "test",
                "lifeboat.schedule.nightly.parameters.AWS_ENDPOINT_URL", TestServers.s3Endpoint()));
        service = start(properties, cluster, Map.of("AWS_SECRET_ACCESS_KEY", SECRET));

        Http.Response health = Http.get(service.address() + "/observe/health", null);

        assertEquals(503, health.status(), health.body());
        assertTrue(health.body().contains("S3 bucket no-such-bucket does not exist"), health.body());
        assertFalse(health.body().contains(SECRET));
    }

    private LifeboatService start(Map<String, String> properties, Path cluster, Map<String, String> environment) throws Exception {
        return start(properties, cluster, environment, "127.0.0.1");
    }

    private LifeboatService start(Map<String, String> properties, Path cluster, Map<String, String> environment, String host)
            throws Exception {
        Path home = ServiceHome.create(scratch.resolve("home-" + System.nanoTime()), host, TestServers.freePort(host), properties);
        return LifeboatService.start(home, cluster, environment);
    }

    private static Trigger.TriggerState nightlyTrigger() throws SchedulerException {
        TriggerKey nightly = TriggerKey.triggerKey("nightly", "lifeboat");
        for (Scheduler scheduler : new StdSchedulerFactory().getAllSchedulers()) {
            if (scheduler.checkExists(nightly)) {
                return scheduler.getTriggerState(nightly);
            }
        }
        throw new AssertionError("no quartz trigger lifeboat/nightly");
    }

    private static long completed(List<RunView> runs) {
        synchronized (runs) {
            return runs.stream().filter(run -> run.state() == RunState.COMPLETE).count();
        }
    }

    private static Http.Response record(List<String> answers, Http.Response response) {
        answers.add(response.body());
        return response;
    }

    private static String json(Map<String, String> parameters, String... extra) throws IOException {
        Map<String, String> all = new HashMap<>(parameters);
        for (int i = 0; i < extra.length; i += 2) {
            all.put(extra[i], extra[i + 1]);
        }
        return Http.jsonObject(all);
    }
}
