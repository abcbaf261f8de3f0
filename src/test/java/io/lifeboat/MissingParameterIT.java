package io.lifeboat;

import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plan started without one of its parameters: exit 2, one line naming it, and nothing written to the store. */
@ExtendWith(TestServers.class)
class MissingParameterIT {

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({"backup-s3, S3_BUCKET_NAME", "backup-s3, AWS_REGION", "restore-azure, CONTAINER_NAME",
            "backup-azure, CLIENT_SECRET", "backup-local, BACKUP_DIR", "restore-local, SNAPSHOT_NAME"})
    void exitsWithTwoNamingTheMissingParameter(String plan, String missing) throws Exception {
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), 1);
        StoreFixture store = StoreFixture.valueOf(plan.substring(plan.indexOf('-') + 1).toUpperCase());
        Map<String, String> storeParameters = store.newStore(scratch);
        Map<String, String> parameters = new HashMap<>(storeParameters);
        parameters.put("SNAPSHOT_NAME", "incomplete-parameters");
        if (missing.equals("CLIENT_SECRET")) {
            parameters.remove("AZURE_STORAGE_KEY");
            parameters.put("CLIENT_ID", "00000000-0000-0000-0000-000000000000");
            parameters.put("TENANT_ID", "11111111-1111-1111-1111-111111111111");
        }
        parameters.remove(missing);

        // The parameters come from the environment here; -p is tested elsewhere.
        Outcome outcome = LifeboatCommand.run(parameters, "plan", "start", plan, "--cluster", cluster.toString());

        assertEquals(2, outcome.exitCode(), outcome.toString());
        assertEquals(1, outcome.err().lines().count(), outcome.toString());
        assertTrue(outcome.err().contains(missing) && outcome.err().contains(plan), outcome.toString());
        assertEquals(List.of(), store.keys(storeParameters), "nothing written");
    }
}
