package io.lifeboat.kernel;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The keyspaces a plan works on: every keyspace, or the ones named in KEYSPACES. */
public record KeyspaceFilter(Set<String> names) {

    public static final KeyspaceFilter ALL = new KeyspaceFilter(Set.of());

    public KeyspaceFilter {
        names = Set.copyOf(names);
    }

    /** Parses a space-separated list; an absent or blank value selects every keyspace. */
    public static KeyspaceFilter parse(String value) {
        if (value == null || value.isBlank()) {
            return ALL;
        }
        Set<String> names = new LinkedHashSet<>(Arrays.asList(value.trim().split("\\s+")));
        for (String name : names) {
            if (name.startsWith(".") || name.contains("/") || name.contains("\\")) {
                throw new ParameterException("KEYSPACES", "KEYSPACES holds '" + name + "', which is not a keyspace name");
            }
        }
        return new KeyspaceFilter(names);
    }

    public boolean selectsAll() {
        return names.isEmpty();
    }

    public boolean selects(String keyspace) {
        return selectsAll() || names.contains(keyspace);
    }

    /** The selected names that appear nowhere in {@code available}, sorted. */
    public List<String> missingFrom(Collection<String> available) {
        return names.stream().filter(name -> !available.contains(name)).sorted().collect(Collectors.toList());
    }
}
