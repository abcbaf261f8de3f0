package io.lifeboat.app;

import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.util.IOHelper;

import java.util.Map;

/**
 * The environment a command was given, as a source of Camel properties over every other: Camel's own naming,
 * {@code LIFEBOAT_PART_SIZE_MIB} for {@code lifeboat.part-size-mib}. Camel would read the process environment
 * instead; this one is what the command line, the service and the tests hand in.
 */
final class GivenEnvironment implements PropertiesSource, Ordered {

    private final Map<String, String> environment;

    GivenEnvironment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String getName() {
        return "environment";
    }

    @Override
    public String getProperty(String name) {
        return environment.get(IOHelper.normalizeEnvironmentVariable(name));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST;
    }
}
