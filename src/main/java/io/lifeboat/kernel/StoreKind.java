package io.lifeboat.kernel;


import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The three places a snapshot can live, with the parameters each one takes. */
public enum StoreKind {
    S3(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "S3_BUCKET_NAME", "AWS_ENDPOINT_URL"), "S3_BUCKET_NAME"),
    AZURE(List.of("AZURE_STORAGE_ACCOUNT", "AZURE_STORAGE_KEY", "CLIENT_ID", "TENANT_ID", "CLIENT_SECRET",
            "CONTAINER_NAME", "AZURE_BLOB_ENDPOINT"), "CONTAINER_NAME"),
    LOCAL(List.of("BACKUP_DIR"), "BACKUP_DIR");

    private final List<String> parameters;
    // The parameter that says which store is meant: the others (AWS_REGION, say) may sit in an environment for other reasons.
    private final String naming;

    StoreKind(List<String> parameters, String naming) {
        this.parameters = parameters;
        this.naming = naming;
    }

    /**
     * The store a command means when it does not name one: the only kind whose parameters were given with -p,
     * or else the only kind whose bucket, container or directory the environment names.
     */
    public static StoreKind infer(Set<String> given, Map<String, String> environment) {
        List<StoreKind> byParameters = Arrays.stream(values()).filter(kind -> kind.parameters.stream().anyMatch(given::contains)).toList();
        List<StoreKind> candidates = !given.isEmpty() ? byParameters
                : Arrays.stream(values()).filter(kind -> environment.containsKey(kind.naming)).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String why = candidates.isEmpty() ? "no store's parameters are given (S3_BUCKET_NAME, CONTAINER_NAME or BACKUP_DIR)"
                : "the parameters given fit " + String.join(" and ", candidates.stream().map(StoreKind::label).toList());
        throw new ParameterException("STORE", "name the store, s3, azure or local: " + why);
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
                .orElseThrow(() -> new ParameterException("STORE", "the store must be s3, azure or local (got '" + Printable.of(value) + "')"));
    }
}
