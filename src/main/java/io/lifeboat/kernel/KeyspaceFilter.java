package io.lifeboat.kernel;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The keyspaces a plan works on: every keyspace, or the entries of KEYSPACES. In a Cassandra cluster an entry is a
 * keyspace or one table, {@code keyspace.table} (Cassandra names hold no dot); a file cluster's entries are folder
 * names, dots and all.
 */
public record KeyspaceFilter(Set<String> names, boolean tableEntries) {

    public static final KeyspaceFilter ALL = new KeyspaceFilter(Set.of(), false);

    private static final Pattern TABLE_ENTRY = Pattern.compile("[^.]+\\.[^.]+");

    public KeyspaceFilter {
        names = Set.copyOf(names);
    }

    /** Parses a space-separated list of keyspace folders; an absent or blank value selects every keyspace. */
    public static KeyspaceFilter parse(String value) {
        return parse(value, false);
    }

    /** Parses a space-separated list; with {@code tableEntries}, {@code keyspace.table} entries select single tables. */
    public static KeyspaceFilter parse(String value, boolean tableEntries) {
        if (value == null || value.isBlank()) {
            return new KeyspaceFilter(Set.of(), tableEntries);
        }
        Set<String> names = new LinkedHashSet<>(Arrays.asList(value.trim().split("\\s+")));
        for (String name : names) {
            if (name.startsWith(".") || name.contains("/") || name.contains("\\")) {
                throw new ParameterException("KEYSPACES", "KEYSPACES holds '" + name + "', which is not a keyspace name");
            }
            if (tableEntries && name.contains(".") && !TABLE_ENTRY.matcher(name).matches()) {
                throw new ParameterException("KEYSPACES", "KEYSPACES holds '" + name + "', which is neither a keyspace nor keyspace.table");
            }
        }
        return new KeyspaceFilter(names, tableEntries);
    }

    public boolean selectsAll() {
        return names.isEmpty();
    }

    /** Whether the keyspace, or any table of it, is selected. */
    public boolean selects(String keyspace) {
        return wholeKeyspace(keyspace) || !tablesOf(keyspace).isEmpty();
    }

    /** Whether the keyspace is selected whole, not only some of its tables. */
    public boolean wholeKeyspace(String keyspace) {
        return selectsAll() || names.contains(keyspace);
    }

    /** Whether the table is selected: its keyspace whole, or the table by name. */
    public boolean selectsTable(String keyspace, String table) {
        return wholeKeyspace(keyspace) || (tableEntries && names.contains(keyspace + "." + table));
    }

    /** The tables of the keyspace named on their own, sorted; empty when the keyspace is selected whole or not at all. */
    public List<String> tablesOf(String keyspace) {
        if (!tableEntries || wholeKeyspace(keyspace)) {
            return List.of();
        }
        String prefix = keyspace + ".";
        return names.stream().filter(name -> name.startsWith(prefix)).map(name -> name.substring(prefix.length())).sorted().toList();
    }

    /**
     * Whether a path of a node's archive ({@code <keyspace>/<table>/...}, or a keyspace folder's own path) is
     * selected; a path of a keyspace of which only tables are selected is selected when it is in one of them.
     */
    public boolean selectsPath(String path) {
        String[] parts = path.split("/", 3);
        if (wholeKeyspace(parts[0])) {
            return true;
        }
        return parts.length > 1 && selectsTable(parts[0], parts[1]);
    }

    /**
     * What to take of each of {@code keyspaces} (the selected keyspaces of a node), as {@code nodetool snapshot} names
     * it: the keyspace, or its selected tables as {@code keyspace.table}.
     */
    public List<String> entries(List<String> keyspaces) {
        return keyspaces.stream().flatMap(keyspace -> wholeKeyspace(keyspace) ? Stream.of(keyspace)
                : tablesOf(keyspace).stream().map(table -> keyspace + "." + table)).toList();
    }

    /** The selected names whose keyspace appears nowhere in {@code available}, sorted. */
    public List<String> missingFrom(Collection<String> available) {
        return names.stream().filter(name -> !available.contains(keyspaceOf(name))).sorted().toList();
    }

    /** The keyspace an entry names, or whose table it names. */
    public String keyspaceOf(String entry) {
        return tableEntries && entry.contains(".") ? entry.substring(0, entry.indexOf('.')) : entry;
    }
}
