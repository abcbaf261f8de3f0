package io.lifeboat.cli;

import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator types that is odd but not wrong, or wrong in a way the answer must show rather than obey. */
class CommandLineFrictionsTest {

    @TempDir
    Path scratch;

    @Test
    void aControlCharacterInAParameterIsShownEscapedOnOneLine() {
        Outcome refused = LifeboatCommand.run(Map.of(), "plan", "start", "backup-local", "-p", "SNAPSHOT_NAME=night\nly\u001b[31m",
                "-p", "BACKUP_DIR=" + scratch);

        assertEquals(2, refused.exitCode(), refused.toString());
        assertEquals(1, refused.err().lines().count(), refused.toString());
        assertTrue(refused.err().contains("(got 'night\\nly\\u001b[31m')"), refused.err());
    }

    @Test
    void snapshotsListFindsTheStoreInTheParameters() throws Exception {
        Path backups = Files.createDirectories(scratch.resolve("backups"));

        Outcome listed = LifeboatCommand.run(Map.of(), "snapshots", "list", "-p", "BACKUP_DIR=" + backups);
        Outcome fromEnvironment = LifeboatCommand.run(Map.of("BACKUP_DIR", backups.toString(), "AWS_REGION", "eu-west-1"), "snapshots", "list");
        Outcome ambiguous = LifeboatCommand.run(Map.of(), "snapshots", "list", "-p", "BACKUP_DIR=" + backups, "-p", "S3_BUCKET_NAME=b");

        assertEquals(0, listed.exitCode(), listed.toString());
        assertEquals("no snapshots in " + backups + System.lineSeparator(), listed.out());
        assertEquals(0, fromEnvironment.exitCode(), fromEnvironment.toString());
        assertEquals(2, ambiguous.exitCode(), ambiguous.toString());
        assertEquals("lifeboat snapshots list: name the store, s3, azure or local: the parameters given fit s3 and local"
                + System.lineSeparator(), ambiguous.err());
    }
}
