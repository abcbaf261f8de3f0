package io.lifeboat;

import io.lifeboat.testing.LauncherProcess;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher script as an operator runs it: exit codes, one-line errors, parameters from the environment. */
@ExtendWith(TestServers.class)
class LauncherIT {

    @TempDir
    Path scratch;

    @Test
    void commandLineParametersWinOverTheEnvironment() throws Exception {
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), 1);
        Map<String, String> environment = Map.of("SNAPSHOT_NAME", "../not-a-safe-name", "BACKUP_DIR", scratch.resolve("store").toString());

        Outcome outcome = LauncherProcess.run("", environment, scratch,
                List.of("plan", "start", "backup-local", "--cluster", cluster.toString(), "-p", "SNAPSHOT_NAME=from-the-command-line"));

        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(scratch.resolve("store/from-the-command-line/manifest.json").toFile().isFile());
    }

    @Test
    void keepsSecretsOutOfEverythingItPrintsAndWrites() throws Exception {
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), 1);
        String awsSecret = "aws-secret-that-must-not-leak-4711";
        Map<String, String> s3 = new HashMap<>(StoreFixture.S3.newStore(scratch));
        s3.put("AWS_SECRET_ACCESS_KEY", awsSecret);
        s3.put("SNAPSHOT_NAME", "secretive");
        String wrongAzureKey = java.util.Base64.getEncoder().encodeToString("azure-key-that-must-not-leak-4711".getBytes());
        Map<String, String> azure = new HashMap<>(StoreFixture.AZURE.newStore(scratch));
        azure.put("AZURE_STORAGE_KEY", wrongAzureKey);
        azure.put("SNAPSHOT_NAME", "secretive");

        Outcome backup = LauncherProcess.run("", s3, scratch, List.of("plan", "start", "backup-s3", "--cluster", cluster.toString()));
        Outcome refused = LauncherProcess.run("", azure, scratch, List.of("plan", "start", "backup-azure", "--cluster", cluster.toString()));

        assertEquals(0, backup.exitCode(), backup.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertEquals(1, refused.err().lines().count(), refused.toString());
        String manifest = new String(StoreFixture.S3.read(s3, "secretive/manifest.json"));
        for (String text : List.of(backup.out(), backup.err(), refused.out(), refused.err(), manifest)) {
            assertFalse(text.contains(awsSecret) || text.contains(wrongAzureKey) || text.contains("must-not-leak"), text);
        }
    }

    @Test
    void printsHelp() throws Exception {
        Outcome outcome = LauncherProcess.run("", Map.of(), scratch, List.of("--help"));

        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("Usage"), outcome.toString());
    }
}
