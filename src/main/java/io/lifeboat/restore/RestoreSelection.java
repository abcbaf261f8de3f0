package io.lifeboat.restore;

import io.lifeboat.cluster.SchemaChange;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.Renames;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.plan.PlanRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What of a snapshot a restore takes, and under which names: each keyspace whole or some of its tables, the name it
 * gets, and whether the keyspace is created or exists already (only tables then go into it); the names that must
 * not exist in the target; and what the target's schema gains.
 */
final class RestoreSelection {

    /**
     * One backed-up keyspace restored: its target name, its tables restored (null when the snapshot does not list its
     * tables, before format 4), whether it is restored whole, whether the keyspace is created, and its renamed tables.
     */
    record Keyspace(String name, String target, List<String> tables, boolean whole, boolean create, Map<String, String> renamedTables) {
    }

    private final List<Keyspace> keyspaces;

    private RestoreSelection(List<Keyspace> keyspaces) {
        this.keyspaces = List.copyOf(keyspaces);
    }

    /**
     * @param existingTargets the target names of the restored keyspaces that exist in the target cluster: a keyspace
     *                        restored whole must not exist; tables go into one that does
     */
    static RestoreSelection of(Manifest manifest, PlanRequest request, Set<String> existingTargets) {
        KeyspaceFilter filter = request.keyspaces();
        List<String> unknown = filter.missingFrom(manifest.keyspaces());
        if (!unknown.isEmpty()) {
            throw new PlanFailedException("keyspace " + String.join(", ", unknown) + " is not in snapshot " + manifest.snapshot()
                    + " (it holds " + String.join(", ", manifest.keyspaces()) + ")");
        }
        Map<String, List<String>> restored = restoredTables(manifest, filter);
        checkRenames(request.renames(), restored, manifest);
        List<Keyspace> keyspaces = new ArrayList<>();
        restored.forEach((keyspace, tables) -> {
            String target = request.renames().keyspace(keyspace);
            Map<String, String> renamedTables = new LinkedHashMap<>();
            if (tables != null) {
                tables.forEach(table -> {
                    if (!request.renames().table(keyspace, table).equals(table)) {
                        renamedTables.put(table, request.renames().table(keyspace, table));
                    }
                });
            }
            boolean whole = filter.wholeKeyspace(keyspace);
            keyspaces.add(new Keyspace(keyspace, target, tables, whole, whole || !existingTargets.contains(target), renamedTables));
        });
        return new RestoreSelection(keyspaces);
    }

    /** Each selected keyspace with its selected tables (null where the manifest lists none); a table named that the snapshot lacks fails. */
    private static Map<String, List<String>> restoredTables(Manifest manifest, KeyspaceFilter filter) {
        Map<String, List<String>> restored = new LinkedHashMap<>();
        Optional<Map<String, List<String>>> listed = manifest.tablesByKeyspace();
        for (String keyspace : manifest.keyspaces().stream().filter(filter::selects).toList()) {
            List<String> tables = listed.map(byKeyspace -> byKeyspace.getOrDefault(keyspace, List.of())).orElse(null);
            for (String named : filter.tablesOf(keyspace)) {
                if (tables == null) {
                    throw new PlanFailedException("snapshot " + manifest.snapshot() + " does not list its tables (it was taken by a Lifeboat"
                            + " before manifest format 4): restore keyspace " + keyspace + " whole");
                }
                if (!tables.contains(named)) {
                    throw new PlanFailedException("table " + keyspace + "." + named + " is not in snapshot " + manifest.snapshot()
                            + " (keyspace " + keyspace + " has " + (tables.isEmpty() ? "no table" : String.join(", ", tables)) + ")");
                }
            }
            restored.put(keyspace, tables == null ? null : tables.stream().filter(table -> filter.selectsTable(keyspace, table)).toList());
        }
        return restored;
    }

    private static void checkRenames(Renames renames, Map<String, List<String>> restored, Manifest manifest) {
        Map<String, List<String>> known = new LinkedHashMap<>();
        restored.forEach((keyspace, tables) -> known.put(keyspace, tables == null ? List.of() : tables));
        List<String> unknown = renames.unknownIn(known);
        if (!unknown.isEmpty()) {
            throw new ParameterException(Renames.PARAMETER, "RENAME names " + String.join(", ", unknown) + ", which this restore of snapshot "
                    + manifest.snapshot() + " does not take (it takes " + String.join(", ", restored.keySet()) + ")");
        }
    }

    List<Keyspace> keyspaces() {
        return keyspaces;
    }

    Optional<Keyspace> keyspace(String name) {
        return keyspaces.stream().filter(keyspace -> keyspace.name().equals(name)).findFirst();
    }

    /** The keyspaces, as the snapshot names them. */
    List<String> names() {
        return keyspaces.stream().map(Keyspace::name).toList();
    }

    /**
     * What must not exist in the target for the restore to go ahead: each keyspace it creates, and in a keyspace that
     * exists, each table it creates ({@code keyspace.table}).
     */
    List<String> restoring() {
        List<String> names = new ArrayList<>();
        for (Keyspace keyspace : keyspaces) {
            if (keyspace.create()) {
                names.add(keyspace.target());
            } else {
                keyspace.tables().forEach(table -> names.add(keyspace.target() + "." + keyspace.renamedTables().getOrDefault(table, table)));
            }
        }
        return names;
    }

    /** What the target's schema gains, with the target's names of the backed-up data centres. */
    SchemaChange schemaChange(Map<String, String> datacenters) {
        return new SchemaChange(keyspaces.stream().map(keyspace -> new SchemaChange.KeyspaceChange(keyspace.name(), keyspace.target(),
                keyspace.create(), keyspace.whole() ? Optional.empty() : Optional.of(keyspace.tables()), keyspace.renamedTables())).toList(),
                datacenters);
    }
}
