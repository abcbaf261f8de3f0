package io.lifeboat.app;

import io.lifeboat.kernel.ConfiguredValues;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code config/application.properties} as Camel's properties component reads it for the routes'
 * placeholders, with the given environment over it. The settings records are read from here before Camel
 * starts, so a bad value stops a command before anything runs.
 */
public final class Configuration implements ConfiguredValues {

    private final PropertiesComponent properties;

    private Configuration(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** Reads {@code <home>/config/application.properties}, if present. */
    public static Configuration load(Path home, Map<String, String> environment) {
        return read(environment, properties -> {
            Path file = propertiesFile(home);
            if (Files.isRegularFile(file)) {
                properties.addLocation("file:" + file.toAbsolutePath());
            }
        });
    }

    /** Values given directly, as if they were the file's. */
    public static Configuration of(Properties file, Map<String, String> environment) {
        return read(environment, properties -> properties.setInitialProperties(file));
    }

    private static Configuration read(Map<String, String> environment, Consumer<PropertiesComponent> source) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        PropertiesComponent properties = (PropertiesComponent) context.getPropertiesComponent();
        useEnvironment(properties, environment);
        source.accept(properties);
        context.build();
        return new Configuration(properties);
    }

    /** The environment given, never the process's behind the caller's back, overrides the file. */
    static void useEnvironment(PropertiesComponent properties, Map<String, String> environment) {
        properties.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        properties.addPropertiesSource(new GivenEnvironment(environment));
    }

    public static Path propertiesFile(Path home) {
        return home.resolve("config").resolve("application.properties");
    }

    @Override
    public Optional<String> get(String key) {
        return properties.resolveProperty(key).filter(value -> !value.isBlank()).map(String::trim);
    }

    /** Every key that starts with {@code prefix}, without it (the environment overrides values, not keys). */
    @Override
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>();
        for (String key : properties.loadProperties(key -> key.startsWith(prefix)).stringPropertyNames()) {
            get(key).ifPresent(value -> found.put(key.substring(prefix.length()), value));
        }
        return found;
    }
}
