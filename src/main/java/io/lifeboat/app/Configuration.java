package io.lifeboat.app;

import io.lifeboat.kernel.ConfiguredValues;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code config/application.properties} with environment overrides, the way Camel reads its own keys:
 * {@code lifeboat.part-size-mib} is overridden by {@code LIFEBOAT_PART_SIZE_MIB}.
 */
public final class Configuration implements ConfiguredValues {

    private final Properties file;
    private final Map<String, String> environment;

    public Configuration(Properties file, Map<String, String> environment) {
        this.file = file;
        this.environment = Map.copyOf(environment);
    }

    /** Reads {@code <home>/config/application.properties}, if present. */
    public static Configuration load(Path home, Map<String, String> environment) throws IOException {
        Properties file = new Properties();
        Path properties = propertiesFile(home);
        if (Files.isRegularFile(properties)) {
            try (InputStream in = Files.newInputStream(properties)) {
                file.load(in);
            }
        }
        return new Configuration(file, environment);
    }

    public static Path propertiesFile(Path home) {
        return home.resolve("config").resolve("application.properties");
    }

    @Override
    public Optional<String> get(String key) {
        String value = environment.getOrDefault(environmentName(key), file.getProperty(key));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Every key that starts with {@code prefix}, without it, from the file (the environment overrides values, not keys). */
    @Override
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                get(key).ifPresent(value -> found.put(key.substring(prefix.length()), value));
            }
        }
        return found;
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
