package io.lifeboat.cli;

import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {

    @Test
    void everyCommandHasHelp() {
        for (List<String> words : List.of(List.of("--help"), List.of("plan", "--help"), List.of("plan", "start", "--help"),
                List.of("plan", "start", "backup-s3", "--help"), List.of("snapshots", "list", "--help"), List.of("demo", "--help"),
                List.of("serve", "--help"))) {
            Outcome outcome = LifeboatCommand.run(Map.of(), words.toArray(String[]::new));
            assertEquals(0, outcome.exitCode(), words + "\n" + outcome);
            assertTrue(outcome.out().contains("Usage"), words + "\n" + outcome);
        }
    }

    @Test
    void planHelpListsEveryPlanAndItsParameters() {
        Outcome plans = LifeboatCommand.run(Map.of(), "plan", "--help");
        Outcome backupS3 = LifeboatCommand.run(Map.of(), "plan", "start", "backup-s3", "--help");

        assertTrue(plans.out().contains("Plans: backup-s3, restore-s3, backup-azure, restore-azure, backup-local, restore-local."), plans.out());
        assertTrue(backupS3.out().contains("S3_BUCKET_NAME"), backupS3.out());
    }
}
