package io.lifeboat.plan;

import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.FileNode;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.kernel.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanRequestTest {

    private static final Cluster CLUSTER = new Cluster("demo", List.of(new FileNode(0, Path.of("/data/node-0"))));
    private static final Map<String, String> S3 = Map.of("SNAPSHOT_NAME", "nightly", "S3_BUCKET_NAME", "backups",
            "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "key-id", "AWS_SECRET_ACCESS_KEY", "very-secret");

    @Test
    void readsTheEnvironmentAndLetsTheCommandLineWin() {
        PlanParameters parameters = new PlanParameters(Map.of("SNAPSHOT_NAME", "from-cli"),
                with(S3, "SNAPSHOT_NAME", "from-env", "BACKUP_RESTORE_STRATEGY", "parallel"));

        PlanRequest request = PlanRequest.parse(Plan.BACKUP_S3, CLUSTER, parameters, LifeboatSettings.DEFAULTS);

        assertEquals("from-cli", request.snapshot().value());
        assertEquals(Strategy.PARALLEL, request.strategy());
        assertTrue(request.keyspaces().selectsAll());
    }

    @Test
    void namesTheMissingParameter() {
        ParameterException missing = assertThrows(ParameterException.class,
                () -> PlanRequest.parse(Plan.BACKUP_S3, CLUSTER, PlanParameters.of(without(S3, "S3_BUCKET_NAME")), LifeboatSettings.DEFAULTS));
        assertEquals("S3_BUCKET_NAME", missing.parameter());
    }

    @Test
    void refusesAParameterThePlanDoesNotTake() {
        ParameterException unknown = assertThrows(ParameterException.class,
                () -> PlanRequest.parse(Plan.BACKUP_S3, CLUSTER, PlanParameters.of(with(S3, "KEYSPACE", "ks1")), LifeboatSettings.DEFAULTS));
        assertEquals("KEYSPACE", unknown.parameter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "../etc", ".hidden", "-rf", "with space", "tab\tname", "ünïcode"})
    void refusesUnsafeSnapshotNames(String name) {
        assertThrows(ParameterException.class, () -> new SnapshotName(name));
    }

    @Test
    void keepsSecretsOutOfStrings() {
        PlanRequest request = PlanRequest.parse(Plan.BACKUP_S3, CLUSTER, PlanParameters.of(S3), LifeboatSettings.DEFAULTS);
        assertFalse(request.toString().contains("very-secret"), request.toString());
        assertFalse(request.store().describe().contains("very-secret"));
    }

    @Test
    void choosesTheAzureAccountKeyWhenGivenAndTheServicePrincipalOtherwise() {
        Map<String, String> azure = Map.of("SNAPSHOT_NAME", "s", "AZURE_STORAGE_ACCOUNT", "acct", "CONTAINER_NAME", "c",
                "CLIENT_ID", "id", "TENANT_ID", "tenant", "CLIENT_SECRET", "client-secret");

        StoreLocation.AzureLocation principal = (StoreLocation.AzureLocation) PlanRequest.parse(Plan.BACKUP_AZURE, CLUSTER,
                PlanParameters.of(azure), LifeboatSettings.DEFAULTS).store();
        StoreLocation.AzureLocation key = (StoreLocation.AzureLocation) PlanRequest.parse(Plan.BACKUP_AZURE, CLUSTER,
                PlanParameters.of(with(azure, "AZURE_STORAGE_KEY", "a2V5")), LifeboatSettings.DEFAULTS).store();

        assertTrue(principal.servicePrincipal().isPresent() && principal.accountKey().isEmpty());
        assertEquals("https://acct.blob.core.windows.net", principal.endpoint().toString());
        assertTrue(key.accountKey().isPresent() && key.servicePrincipal().isEmpty());
        ParameterException missing = assertThrows(ParameterException.class, () -> PlanRequest.parse(Plan.BACKUP_AZURE, CLUSTER,
                PlanParameters.of(without(azure, "TENANT_ID")), LifeboatSettings.DEFAULTS));
        assertEquals("TENANT_ID", missing.parameter());
        ParameterException plainHttp = assertThrows(ParameterException.class, () -> PlanRequest.parse(Plan.BACKUP_AZURE, CLUSTER,
                PlanParameters.of(with(azure, "AZURE_BLOB_ENDPOINT", "http://127.0.0.1:10000/acct")), LifeboatSettings.DEFAULTS));
        assertEquals("AZURE_BLOB_ENDPOINT", plainHttp.parameter());
    }

    @Test
    void needsBothAwsKeysOrNeither() {
        ParameterException half = assertThrows(ParameterException.class, () -> PlanRequest.parse(Plan.BACKUP_S3, CLUSTER,
                PlanParameters.of(without(S3, "AWS_SECRET_ACCESS_KEY")), LifeboatSettings.DEFAULTS));
        assertEquals("AWS_SECRET_ACCESS_KEY", half.parameter());
        PlanRequest chain = PlanRequest.parse(Plan.BACKUP_S3, CLUSTER,
                PlanParameters.of(without(without(S3, "AWS_SECRET_ACCESS_KEY"), "AWS_ACCESS_KEY_ID")), LifeboatSettings.DEFAULTS);
        assertTrue(((StoreLocation.S3Location) chain.store()).accessKeyId().isEmpty());
    }

    @Test
    void parsesKeyspacesAndStrategy() {
        PlanRequest request = PlanRequest.parse(Plan.RESTORE_LOCAL, CLUSTER,
                PlanParameters.of(Map.of("SNAPSHOT_NAME", "s", "BACKUP_DIR", "/backups", "KEYSPACES", "  ks1   ks2 ",
                        "BACKUP_RESTORE_STRATEGY", "Parallel")), LifeboatSettings.DEFAULTS);
        assertEquals(Set.of("ks1", "ks2"), request.keyspaces().names());
        assertEquals(Strategy.PARALLEL, request.strategy());
        ParameterException strategy = assertThrows(ParameterException.class, () -> PlanRequest.parse(Plan.RESTORE_LOCAL, CLUSTER,
                PlanParameters.of(Map.of("SNAPSHOT_NAME", "s", "BACKUP_DIR", "/b", "BACKUP_RESTORE_STRATEGY", "fast")), LifeboatSettings.DEFAULTS));
        assertEquals("BACKUP_RESTORE_STRATEGY", strategy.parameter());
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> copy = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put(pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    private static Map<String, String> without(Map<String, String> base, String name) {
        Map<String, String> copy = new HashMap<>(base);
        copy.remove(name);
        return copy;
    }
}
