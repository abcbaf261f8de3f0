package io.lifeboat.schedule;

import io.lifeboat.app.Configuration;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.StoreKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulesTest {

    @Test
    void readsSchedulesAndLetsTheEnvironmentOverrideThem() {
        Properties file = new Properties();
        file.putAll(Map.of(
                "lifeboat.schedule.nightly.plan", "backup-s3",
                "lifeboat.schedule.nightly.snapshot-name", "nightly-{now:yyyyMMdd-HHmm}",
                "lifeboat.schedule.nightly.time-zone", "Europe/Paris",
                "lifeboat.schedule.nightly.parameters.S3_BUCKET_NAME", "backups",
                "lifeboat.schedule.nightly.enabled", "true"));
        Configuration configuration = Configuration.of(file, Map.of("LIFEBOAT_SCHEDULE_NIGHTLY_ENABLED", "false"));

        Schedule nightly = Schedules.from(configuration).byName("nightly").orElseThrow();

        ScheduledJob.RunPlan run = (ScheduledJob.RunPlan) nightly.job();
        assertEquals(Plan.BACKUP_S3, run.plan());
        assertFalse(nightly.enabled());
        assertEquals(Map.of("S3_BUCKET_NAME", "backups"), nightly.parameters());
        assertEquals("nightly-20261127-0300", nightly.snapshotName(run, ZonedDateTime.of(2026, 11, 27, 2, 0, 0, 0, ZoneId.of("UTC"))));
    }

    @Test
    void readsAPurgeScheduleWithItsRulesAndRefusesOneThatKeepsNothing() {
        Properties file = new Properties();
        file.putAll(Map.of("lifeboat.schedule.tidy.plan", "purge", "lifeboat.schedule.tidy.store", "s3",
                "lifeboat.schedule.tidy.keep-daily", "7", "lifeboat.schedule.tidy.keep-within", "36h",
                "lifeboat.schedule.tidy.parameters.S3_BUCKET_NAME", "backups"));

        Schedule tidy = Schedules.from(Configuration.of(file, Map.of())).byName("tidy").orElseThrow();

        ScheduledJob.Purge purge = (ScheduledJob.Purge) tidy.job();
        assertEquals(StoreKind.S3, purge.store());
        assertEquals(OptionalInt.of(7), purge.policy().keepDaily());
        assertEquals(Optional.of(Duration.ofHours(36)), purge.policy().keepWithin());
        assertEquals("purge", tidy.job().label());

        Properties keepsNothing = new Properties();
        keepsNothing.putAll(Map.of("lifeboat.schedule.tidy.plan", "purge", "lifeboat.schedule.tidy.store", "local"));
        ParameterException refused = assertThrows(ParameterException.class, () -> Schedules.from(Configuration.of(keepsNothing, Map.of())));
        assertTrue(refused.getMessage().contains("say what it keeps"), refused.getMessage());
    }

    @Test
    void refusesSecretsInTheFileAndUnknownPlans() {
        Properties file = new Properties();
        file.putAll(Map.of("lifeboat.schedule.s.plan", "backup-azure", "lifeboat.schedule.s.snapshot-name", "s",
                "lifeboat.schedule.s.parameters.AZURE_STORAGE_KEY", "a-key-in-a-committed-file"));
        ParameterException secret = assertThrows(ParameterException.class, () -> Schedules.from(Configuration.of(file, Map.of())));
        assertEquals("AZURE_STORAGE_KEY", secret.parameter());
        assertFalse(secret.getMessage().contains("a-key-in-a-committed-file"));

        Properties unknown = new Properties();
        unknown.putAll(Map.of("lifeboat.schedule.s.plan", "backup-tape", "lifeboat.schedule.s.snapshot-name", "s"));
        assertThrows(ParameterException.class, () -> Schedules.from(Configuration.of(unknown, Map.of())));
    }
}
