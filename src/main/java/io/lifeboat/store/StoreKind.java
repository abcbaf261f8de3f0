package io.lifeboat.store;

import io.lifeboat.plan.ParameterException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The three places a snapshot can live, with the parameters each one takes. */
public enum StoreKind {
    S3(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "S3_BUCKET_NAME", "AWS_ENDPOINT_URL")),
    AZURE(List.of("AZURE_STORAGE_ACCOUNT", "AZURE_STORAGE_KEY", "CLIENT_ID", "TENANT_ID", "CLIENT_SECRET",
            "CONTAINER_NAME", "AZURE_BLOB_ENDPOINT")),
    LOCAL(List.of("BACKUP_DIR"));

    private final List<String> parameters;

    StoreKind(List<String> parameters) {
        this.parameters = parameters;
    }

    public List<String> parameters() {
        return parameters;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StoreKind parse(String value) {
        return Arrays.stream(values())
                .filter(kind -> kind.label().equals(value))
                .findFirst()
                .orElseThrow(() -> new ParameterException("STORE", "the store must be s3, azure or local (got '" + value + "')"));
    }
}
