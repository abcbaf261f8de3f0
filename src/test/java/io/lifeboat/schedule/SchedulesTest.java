package io.lifeboat.schedule;

import io.lifeboat.app.Configuration;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

        assertEquals(Plan.BACKUP_S3, nightly.plan());
        assertFalse(nightly.enabled());
        assertEquals(Map.of("S3_BUCKET_NAME", "backups"), nightly.parameters());
        assertEquals("nightly-20261127-0300", nightly.snapshotName(ZonedDateTime.of(2026, 11, 27, 2, 0, 0, 0, ZoneId.of("UTC"))));
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
