package io.lifeboat.cassandra;

import io.lifeboat.cluster.SchemaChange;
import io.lifeboat.kernel.PlanFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statements that make one keyspace's part of a restore, chosen from the keyspace's block of {@code schema.cql}
 * and made again under the target's names: the keyspace (when it is created) with its types, functions, tables,
 * indexes and views; or, into a keyspace that exists, only the tables restored, with the types it lacks.
 */
final class SchemaScript {

    private SchemaScript() {
    }

    /**
     * @param statements   the keyspace's statements in schema.cql, in order
     * @param existingTypes the types the target keyspace already has (none when it is created)
     */
    static List<String> of(SchemaChange.KeyspaceChange change, List<String> statements, Set<String> existingTypes,
                           Map<String, String> datacenters) {
        List<CqlStatement> parsed = statements.stream().map(CqlStatement::parse).toList();
        checkTablesAreThere(change, parsed);
        List<String> script = new ArrayList<>();
        for (CqlStatement statement : parsed) {
            wanted(change, statement, existingTypes).ifPresent(wanted -> script.add(
                    wanted.renamed(change.target(), statement.table().map(change::targetTable).orElse(""), datacenters)));
        }
        return script;
    }

    /** The types of a keyspace's statements that this change makes (to undo them in a keyspace that stays). */
    static List<String> typesMade(SchemaChange.KeyspaceChange change, List<String> statements, Set<String> existingTypes) {
        return statements.stream().map(CqlStatement::parse).filter(statement -> statement.kind() == CqlStatement.Kind.TYPE)
                .filter(statement -> wanted(change, statement, existingTypes).isPresent()).map(statement -> statement.name().orElseThrow())
                .toList();
    }

    private static Optional<CqlStatement> wanted(SchemaChange.KeyspaceChange change, CqlStatement statement, Set<String> existingTypes) {
        boolean wanted = switch (statement.kind()) {
            case KEYSPACE, FUNCTION -> change.createKeyspace();
            case TYPE -> change.createKeyspace() || !existingTypes.contains(statement.name().orElseThrow());
            case TABLE, ALTER_TABLE, INDEX, VIEW -> change.creates(statement.table().orElseThrow());
            case OTHER -> throw new PlanFailedException("schema.cql of keyspace " + change.keyspace() + " holds a statement Lifeboat cannot"
                    + " restore: " + statement.text().lines().findFirst().orElse(""));
        };
        return wanted ? Optional.of(statement) : Optional.empty();
    }

    private static void checkTablesAreThere(SchemaChange.KeyspaceChange change, List<CqlStatement> statements) {
        List<String> tables = statements.stream().filter(statement -> statement.kind() == CqlStatement.Kind.TABLE)
                .map(statement -> statement.table().orElseThrow()).toList();
        for (String table : change.tables().orElse(List.of())) {
            if (!tables.contains(table)) {
                throw new PlanFailedException("schema.cql has no table " + change.keyspace() + "." + table);
            }
        }
        if (change.createKeyspace() && statements.stream().noneMatch(statement -> statement.kind() == CqlStatement.Kind.KEYSPACE)) {
            throw new PlanFailedException("schema.cql has no CREATE KEYSPACE for keyspace " + change.keyspace());
        }
    }
}
