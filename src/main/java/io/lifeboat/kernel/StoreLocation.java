package io.lifeboat.kernel;


import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Where snapshots live and how to reach the store, parsed once from the plan parameters. */
public sealed interface StoreLocation {

    StoreKind kind();

    /** A description for messages and listings; never holds a secret. */
    String describe();

    /**
     * The plan parameters that name this location again, secrets included: what a coordinator hands a node's agent
     * (in a request body, never a URL), so the agent reaches the same store. Credentials not given are absent, and
     * the agent then uses its own environment.
     */
    Map<String, String> parameters();

    static StoreLocation from(StoreKind kind, PlanParameters parameters) {
        return switch (kind) {
            case S3 -> S3Location.from(parameters);
            case AZURE -> AzureLocation.from(parameters);
            case LOCAL -> new LocalLocation(Path.of(parameters.required("BACKUP_DIR", "the directory that holds snapshots"))
                    .toAbsolutePath().normalize());
        };
    }

    /** An S3 bucket, on AWS or on an S3-compatible server (path-style addressing then). */
    record S3Location(String bucket, String region, Optional<URI> endpoint,
                      Optional<Secret> accessKeyId, Optional<Secret> secretAccessKey) implements StoreLocation {

        static S3Location from(PlanParameters parameters) {
            String bucket = parameters.required("S3_BUCKET_NAME", "the bucket that holds snapshots");
            String region = parameters.required("AWS_REGION", "the bucket's region, e.g. us-east-1");
            Optional<Secret> keyId = parameters.secret("AWS_ACCESS_KEY_ID");
            Optional<Secret> secretKey = parameters.secret("AWS_SECRET_ACCESS_KEY");
            if (keyId.isPresent() != secretKey.isPresent()) {
                String missing = keyId.isPresent() ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID";
                throw new ParameterException(missing,
                        missing + " is required when the other AWS key is given (or give neither to use the default AWS credentials)");
            }
            return new S3Location(bucket, region, parameters.optional("AWS_ENDPOINT_URL").map(value -> httpUri("AWS_ENDPOINT_URL", value)),
                    keyId, secretKey);
        }

        @Override
        public StoreKind kind() {
            return StoreKind.S3;
        }

        @Override
        public String describe() {
            return "s3://" + bucket + endpoint.map(uri -> " at " + uri).orElse("");
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("S3_BUCKET_NAME", bucket);
            parameters.put("AWS_REGION", region);
            endpoint.ifPresent(uri -> parameters.put("AWS_ENDPOINT_URL", uri.toString()));
            accessKeyId.ifPresent(key -> parameters.put("AWS_ACCESS_KEY_ID", key.value()));
            secretAccessKey.ifPresent(key -> parameters.put("AWS_SECRET_ACCESS_KEY", key.value()));
            return parameters;
        }
    }

    /**
     * An Azure Blob container. With AZURE_STORAGE_KEY the shared account key authenticates; without it,
     * the service principal given by CLIENT_ID, TENANT_ID and CLIENT_SECRET.
     */
    record AzureLocation(String account, String container, URI endpoint, Optional<Secret> accountKey,
                         Optional<ServicePrincipal> servicePrincipal) implements StoreLocation {

        /** An Azure AD application that authenticates with a client secret. */
        public record ServicePrincipal(String clientId, String tenantId, Secret clientSecret) {
        }

        static AzureLocation from(PlanParameters parameters) {
            String account = parameters.required("AZURE_STORAGE_ACCOUNT", "the storage account");
            String container = parameters.required("CONTAINER_NAME", "the blob container that holds snapshots");
            URI endpoint = parameters.optional("AZURE_BLOB_ENDPOINT")
                    .map(value -> httpUri("AZURE_BLOB_ENDPOINT", value))
                    .orElse(URI.create("https://" + account + ".blob.core.windows.net"));
            Optional<Secret> key = parameters.secret("AZURE_STORAGE_KEY");
            if (key.isPresent()) {
                return new AzureLocation(account, container, endpoint, key, Optional.empty());
            }
            String why = "AZURE_STORAGE_KEY is not set, so Lifeboat signs in as the service principal";
            ServicePrincipal principal = new ServicePrincipal(
                    parameters.required("CLIENT_ID", why),
                    parameters.required("TENANT_ID", why),
                    parameters.secret("CLIENT_SECRET").orElseThrow(() -> new ParameterException("CLIENT_SECRET",
                            "CLIENT_SECRET is required (" + why + ")")));
            if (!"https".equals(endpoint.getScheme())) {
                throw new ParameterException("AZURE_BLOB_ENDPOINT", "AZURE_BLOB_ENDPOINT must be https to sign in as a service principal"
                        + " (Azure AD tokens are only sent over https); give AZURE_STORAGE_KEY for an http endpoint");
            }
            return new AzureLocation(account, container, endpoint, Optional.empty(), Optional.of(principal));
        }

        @Override
        public StoreKind kind() {
            return StoreKind.AZURE;
        }

        @Override
        public String describe() {
            return "azure container " + container + " at " + endpoint;
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("AZURE_STORAGE_ACCOUNT", account);
            parameters.put("CONTAINER_NAME", container);
            parameters.put("AZURE_BLOB_ENDPOINT", endpoint.toString());
            accountKey.ifPresent(key -> parameters.put("AZURE_STORAGE_KEY", key.value()));
            servicePrincipal.ifPresent(principal -> {
                parameters.put("CLIENT_ID", principal.clientId());
                parameters.put("TENANT_ID", principal.tenantId());
                parameters.put("CLIENT_SECRET", principal.clientSecret().value());
            });
            return parameters;
        }
    }

    /** A directory on this machine (or a mounted file system). */
    record LocalLocation(Path directory) implements StoreLocation {

        @Override
        public StoreKind kind() {
            return StoreKind.LOCAL;
        }

        @Override
        public String describe() {
            return directory.toString();
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("BACKUP_DIR", directory.toString());
        }
    }

    private static URI httpUri(String parameter, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below with the parameter's name
        }
        throw new ParameterException(parameter, parameter + " must be an http(s) URL (got '" + value + "')");
    }
}
