package io.lifeboat.ring;

import io.lifeboat.kernel.Printable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A keyspace's replication as {@code system_schema.keyspaces.replication} stores it: the strategy's class and its
 * options, the factors checked for the strategies Lifeboat can place (SimpleStrategy, NetworkTopologyStrategy).
 */
public record Replication(String strategyClass, Map<String, String> options) {

    public static final String SIMPLE = "org.apache.cassandra.locator.SimpleStrategy";
    public static final String NETWORK_TOPOLOGY = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    public static final String CLASS = "class";
    public static final String REPLICATION_FACTOR = "replication_factor";

    private static final String LOCATOR = "org.apache.cassandra.locator.";

    public Replication {
        if (strategyClass == null || strategyClass.isBlank()) {
            throw new IllegalArgumentException("replication has no '" + CLASS + "'");
        }
        strategyClass = strategyClass.contains(".") ? strategyClass.trim() : LOCATOR + strategyClass.trim();
        options = Collections.unmodifiableMap(new TreeMap<>(options));
        if (options.containsKey(CLASS)) {
            throw new IllegalArgumentException("the strategy's options cannot hold another '" + CLASS + "'");
        }
        if (strategyClass.equals(SIMPLE)) {
            requireSimpleOptions(options);
        } else if (strategyClass.equals(NETWORK_TOPOLOGY)) {
            requireNetworkTopologyOptions(options);
        }
    }

    /** Parses the stored map: {@code class} (full or simple class name) and the strategy's options. */
    public static Replication parse(Map<String, String> replication) {
        Map<String, String> options = new TreeMap<>(replication);
        return new Replication(options.remove(CLASS), options);
    }

    /** Whether Lifeboat can compute the strategy's placement; LocalStrategy, EverywhereStrategy and others it cannot. */
    public boolean placeable() {
        return isSimple() || isNetworkTopology();
    }

    public boolean isSimple() {
        return strategyClass.equals(SIMPLE);
    }

    public boolean isNetworkTopology() {
        return strategyClass.equals(NETWORK_TOPOLOGY);
    }

    /** The strategy's class without its package, for messages: {@code NetworkTopologyStrategy}. */
    public String strategyName() {
        return strategyClass.substring(strategyClass.lastIndexOf('.') + 1);
    }

    /** The data centres a NetworkTopologyStrategy names; none for any other strategy. */
    public Set<String> datacenters() {
        return isNetworkTopology() ? new TreeSet<>(options.keySet()) : Set.of();
    }

    /** The factor of each data centre a NetworkTopologyStrategy names. */
    public Map<String, ReplicationFactor> factorsByDatacenter() {
        requireStrategy(NETWORK_TOPOLOGY);
        Map<String, ReplicationFactor> factors = new TreeMap<>();
        options.forEach((datacenter, factor) -> factors.put(datacenter, ReplicationFactor.parse(datacenter, factor)));
        return factors;
    }

    /** The factor of a SimpleStrategy. */
    public ReplicationFactor simpleFactor() {
        requireStrategy(SIMPLE);
        return ReplicationFactor.parse(REPLICATION_FACTOR, options.get(REPLICATION_FACTOR));
    }

    /**
     * The same replication with data centres renamed, for a target cluster whose data centres are named otherwise.
     * A name that is not there is left alone; only NetworkTopologyStrategy names data centres.
     *
     * @throws IllegalArgumentException when two data centres would end up with one name
     */
    public Replication withDatacentersRenamed(Map<String, String> oldToNew) {
        if (!isNetworkTopology()) {
            return this;
        }
        Map<String, String> renamed = new TreeMap<>();
        Map<String, String> renamedFrom = new TreeMap<>();
        options.forEach((datacenter, factor) -> {
            String name = oldToNew.getOrDefault(datacenter, datacenter);
            String other = renamedFrom.putIfAbsent(name, datacenter);
            if (other != null) {
                throw new IllegalArgumentException("renaming puts data centres " + Printable.of(other) + " and " + Printable.of(datacenter)
                        + " both at " + Printable.of(name));
            }
            renamed.put(name, factor);
        });
        return new Replication(strategyClass, renamed);
    }

    /** The map as {@code system_schema.keyspaces.replication} holds it: {@code class} with the full class name, then the options. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(CLASS, strategyClass);
        map.putAll(options);
        return Collections.unmodifiableMap(map);
    }

    private void requireStrategy(String expected) {
        if (!strategyClass.equals(expected)) {
            throw new IllegalStateException(strategyName() + " is not " + expected.substring(LOCATOR.length()));
        }
    }

    // As SimpleStrategy.validateOptions: replication_factor is required, and is its only option.
    private static void requireSimpleOptions(Map<String, String> options) {
        if (!options.containsKey(REPLICATION_FACTOR)) {
            throw new IllegalArgumentException("SimpleStrategy needs a " + REPLICATION_FACTOR + " (got "
                    + Printable.of(options.toString()) + ")");
        }
        options.keySet().stream().filter(key -> !key.equals(REPLICATION_FACTOR)).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("SimpleStrategy takes only " + REPLICATION_FACTOR + " (got '" + Printable.of(key) + "')");
        });
        ReplicationFactor.parse(REPLICATION_FACTOR, options.get(REPLICATION_FACTOR));
    }

    // As NetworkTopologyStrategy.validateExpectedOptions: a factor per data centre, and at least one; Cassandra expands a
    // replication_factor into the data centres it knows before it stores the keyspace, so a stored map never holds one.
    private static void requireNetworkTopologyOptions(Map<String, String> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("NetworkTopologyStrategy needs a factor for at least one data centre");
        }
        if (options.keySet().stream().anyMatch(REPLICATION_FACTOR::equalsIgnoreCase)) {
            throw new IllegalArgumentException("NetworkTopologyStrategy takes a factor per data centre, not a " + REPLICATION_FACTOR);
        }
        options.forEach((datacenter, factor) -> ReplicationFactor.parse("factor of data centre " + Printable.of(datacenter), factor));
    }
}
