package io.lifeboat.cluster;

import java.util.List;
import java.util.Map;

/**
 * One keyspace of a backed-up node, as staged (under its own name) and as loaded: under its target name, by its
 * path, with the tables renamed in it ({@code renamedTables}: staged name to target name). {@code repairedRanges}
 * are the token ranges {@code (start, end]} for which this node sends its repaired SSTables when streaming: the
 * ranges it is the designated replica of (empty: it sends repaired data for none, as another replica sends it; null:
 * it sends everything).
 */
public record KeyspaceLoad(String keyspace, String target, LoadPath path, Map<String, String> renamedTables,
                           List<List<String>> repairedRanges) {

    public KeyspaceLoad {
        renamedTables = Map.copyOf(renamedTables);
        repairedRanges = repairedRanges == null ? null : List.copyOf(repairedRanges);
    }

    /** The name a staged table of this keyspace goes in under. */
    public String targetTable(String table) {
        return renamedTables.getOrDefault(table, table);
    }
}
