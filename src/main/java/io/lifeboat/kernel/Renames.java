package io.lifeboat.kernel;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RENAME: the names a restore gives what it restores, so that it can go beside the live data:
 * {@code shop=shop_restored} renames a keyspace, {@code shop.users=shop.users_old} a table, within the keyspace's
 * own (possibly renamed) target. Anything not named keeps its name.
 */
public record Renames(Map<String, String> keyspaces, Map<String, String> tables) {

    public static final Renames NONE = new Renames(Map.of(), Map.of());
    public static final String PARAMETER = "RENAME";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    public Renames {
        keyspaces = Map.copyOf(keyspaces);
        tables = Map.copyOf(tables);
    }

    /** Parses space-separated {@code from=to} entries; a blank value renames nothing. */
    public static Renames parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, String> keyspaces = new LinkedHashMap<>();
        Map<String, String> tables = new LinkedHashMap<>();
        for (String entry : value.trim().split("\\s+")) {
            String[] sides = entry.split("=", -1);
            if (sides.length != 2 || sides[0].isEmpty() || sides[1].isEmpty()) {
                throw invalid("'" + entry + "' is not from=to (shop=shop_restored, shop.users=shop.users_old)");
            }
            Map<String, String> target = sides[0].contains(".") ? tables : keyspaces;
            checkName(entry, sides[0], sides[0].contains("."));
            checkName(entry, sides[1], sides[0].contains("."));
            if (target.put(sides[0], sides[1]) != null) {
                throw invalid(sides[0] + " is renamed twice");
            }
        }
        Renames renames = new Renames(keyspaces, tables);
        renames.checkTablesStayInTheirKeyspace();
        checkDistinctTargets(keyspaces.values(), "keyspace");
        checkDistinctTargets(tables.values(), "table");
        return renames;
    }

    public boolean isEmpty() {
        return keyspaces.isEmpty() && tables.isEmpty();
    }

    /** The name the keyspace is restored under. */
    public String keyspace(String keyspace) {
        return keyspaces.getOrDefault(keyspace, keyspace);
    }

    /** The name the table is restored under, in its keyspace's target. */
    public String table(String keyspace, String table) {
        String renamed = tables.get(keyspace + "." + table);
        return renamed == null ? table : renamed.substring(renamed.indexOf('.') + 1);
    }

    /** Whether anything of the keyspace, the keyspace or one of its tables, gets another name. */
    public boolean renamesAnythingOf(String keyspace) {
        return keyspaces.containsKey(keyspace) || tables.keySet().stream().anyMatch(table -> table.startsWith(keyspace + "."));
    }

    /** The entries that name no keyspace or table of {@code tablesByKeyspace} (what is restored), sorted. */
    public List<String> unknownIn(Map<String, ? extends Collection<String>> tablesByKeyspace) {
        Map<String, String> all = new HashMap<>(keyspaces);
        all.putAll(tables);
        return all.keySet().stream().filter(name -> {
            String[] parts = name.split("\\.", 2);
            Collection<String> tablesOfKeyspace = tablesByKeyspace.get(parts[0]);
            return tablesOfKeyspace == null || (parts.length == 2 && !tablesOfKeyspace.contains(parts[1]));
        }).sorted().toList();
    }

    /** The RENAME value that gives these renames again, for a node's agent. */
    public String value() {
        StringBuilder value = new StringBuilder();
        keyspaces.forEach((from, to) -> value.append(from).append('=').append(to).append(' '));
        tables.forEach((from, to) -> value.append(from).append('=').append(to).append(' '));
        return value.toString().strip();
    }

    private void checkTablesStayInTheirKeyspace() {
        tables.forEach((from, to) -> {
            String keyspace = from.substring(0, from.indexOf('.'));
            String targetKeyspace = to.substring(0, to.indexOf('.'));
            if (!targetKeyspace.equals(keyspace(keyspace))) {
                throw invalid(from + "=" + to + " moves the table out of its keyspace; a table is restored into "
                        + keyspace(keyspace) + ", where its keyspace goes");
            }
        });
    }

    private static void checkName(String entry, String name, boolean table) {
        String[] parts = name.split("\\.", -1);
        boolean valid = parts.length == (table ? 2 : 1) && List.of(parts).stream().allMatch(part -> NAME.matcher(part).matches());
        if (!valid) {
            throw invalid("'" + entry + "': " + name + " is not a " + (table ? "keyspace.table" : "keyspace") + " name");
        }
    }

    private static void checkDistinctTargets(Collection<String> targets, String what) {
        if (targets.stream().distinct().count() != targets.size()) {
            throw invalid("two " + what + "s are renamed to the same name");
        }
    }

    private static ParameterException invalid(String why) {
        return new ParameterException(PARAMETER, "RENAME: " + why);
    }
}
