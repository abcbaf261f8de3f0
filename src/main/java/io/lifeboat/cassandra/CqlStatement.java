package io.lifeboat.cassandra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One statement of a keyspace's {@code DESCRIBE ... WITH INTERNALS}, with where its names stand, so that it can be
 * made again under other names: another keyspace, another table (its indexes and views then take the table's new
 * name as a prefix, since index names are unique in a keyspace), other data centres in its replication.
 */
final class CqlStatement {

    /** What a statement makes. */
    enum Kind { KEYSPACE, TYPE, TABLE, ALTER_TABLE, INDEX, VIEW, FUNCTION, OTHER }

    private static final String ID = "([A-Za-z0-9_]+|\"(?:[^\"]|\"\")+\")";
    private static final String IF_NOT_EXISTS = "(?:IF NOT EXISTS\\s+)?";
    private static final Map<Kind, Pattern> HEADS = heads();
    private static final Pattern REPLICATION = Pattern.compile("replication\\s*=\\s*\\{([^}]*)}");
    private static final Pattern MAP_ENTRY = Pattern.compile("'((?:[^']|'')*)'\\s*:\\s*'((?:[^']|'')*)'");
    private static final Pattern TABLE_ID = Pattern.compile("\\bID\\s*=\\s*[0-9a-fA-F-]{36}(\\s+AND\\s+)?");

    private final Kind kind;
    private final String text;
    private final Matcher head;

    private CqlStatement(Kind kind, String text, Matcher head) {
        this.kind = kind;
        this.text = text;
        this.head = head;
    }

    private static Map<Kind, Pattern> heads() {
        Map<Kind, Pattern> heads = new LinkedHashMap<>();
        heads.put(Kind.KEYSPACE, Pattern.compile("^CREATE\\s+KEYSPACE\\s+" + IF_NOT_EXISTS + "(?<ks>" + ID + ")"));
        heads.put(Kind.TYPE, Pattern.compile("^CREATE\\s+TYPE\\s+" + IF_NOT_EXISTS + "(?<ks>" + ID + ")\\.(?<name>" + ID + ")"));
        heads.put(Kind.TABLE, Pattern.compile("^CREATE\\s+TABLE\\s+" + IF_NOT_EXISTS + "(?<ks>" + ID + ")\\.(?<table>" + ID + ")"));
        heads.put(Kind.ALTER_TABLE, Pattern.compile("^ALTER\\s+TABLE\\s+(?<ks>" + ID + ")\\.(?<table>" + ID + ")"));
        heads.put(Kind.INDEX, Pattern.compile("^CREATE\\s+(?:CUSTOM\\s+)?INDEX\\s+" + IF_NOT_EXISTS + "(?<name>" + ID + ")\\s+ON\\s+(?<ks>"
                + ID + ")\\.(?<table>" + ID + ")"));
        heads.put(Kind.VIEW, Pattern.compile("^CREATE\\s+MATERIALIZED\\s+VIEW\\s+" + IF_NOT_EXISTS + "(?<ks>" + ID + ")\\.(?<name>" + ID
                + ")\\s+AS\\s+SELECT\\s.*?\\sFROM\\s+(?<ks2>" + ID + ")\\.(?<table>" + ID + ")", Pattern.DOTALL));
        heads.put(Kind.FUNCTION, Pattern.compile("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:FUNCTION|AGGREGATE)\\s+" + IF_NOT_EXISTS + "(?<ks>" + ID
                + ")\\.(?<name>" + ID + ")"));
        return heads;
    }

    static CqlStatement parse(String text) {
        for (Map.Entry<Kind, Pattern> head : HEADS.entrySet()) {
            Matcher matcher = head.getValue().matcher(text);
            if (matcher.find()) {
                return new CqlStatement(head.getKey(), text, matcher);
            }
        }
        return new CqlStatement(Kind.OTHER, text, null);
    }

    Kind kind() {
        return kind;
    }

    String text() {
        return text;
    }

    /** The table a table, index or view statement belongs to (a view's base table); empty for the others. */
    Optional<String> table() {
        return kind == Kind.TABLE || kind == Kind.ALTER_TABLE || kind == Kind.INDEX || kind == Kind.VIEW
                ? Optional.of(unquote(head.group("table"))) : Optional.empty();
    }

    /** The name of a type, index, view or function. */
    Optional<String> name() {
        return kind == Kind.TYPE || kind == Kind.INDEX || kind == Kind.VIEW || kind == Kind.FUNCTION
                ? Optional.of(unquote(head.group("name"))) : Optional.empty();
    }

    /**
     * The statement for {@code keyspace} (the target keyspace), with its table called {@code table} (an index or view of
     * a renamed table is renamed {@code <table>_<name>}); a renamed table, and a view of one, loses its ID, which its
     * original keeps. {@code datacenters} renames the data centres of a keyspace's replication.
     */
    String renamed(String keyspace, String table, Map<String, String> datacenters) {
        if (kind == Kind.OTHER) {
            return text;
        }
        boolean tableRenamed = table().isPresent() && !table().get().equals(table);
        boolean keyspaceRenamed = !unquote(head.group("ks")).equals(keyspace);
        List<Replacement> replacements = new ArrayList<>();
        replacements.add(new Replacement(head.start("ks"), head.end("ks"), quote(keyspace)));
        if (kind == Kind.TABLE || kind == Kind.ALTER_TABLE || kind == Kind.INDEX) {
            replacements.add(new Replacement(head.start("table"), head.end("table"), quote(table)));
        }
        if ((kind == Kind.INDEX || kind == Kind.VIEW) && tableRenamed) {
            replacements.add(new Replacement(head.start("name"), head.end("name"), quote(table + "_" + name().orElseThrow())));
        }
        if (kind == Kind.VIEW) {
            replacements.add(new Replacement(head.start("ks2"), head.end("ks2"), quote(keyspace)));
            replacements.add(new Replacement(head.start("table"), head.end("table"), quote(table)));
        }
        String renamed = Replacement.apply(text, replacements);
        if (kind == Kind.KEYSPACE) {
            renamed = withDatacenters(renamed, datacenters);
        }
        return (kind == Kind.TABLE || kind == Kind.VIEW) && (tableRenamed || keyspaceRenamed) ? withoutId(renamed) : renamed;
    }

    /** A type statement that does nothing when the type exists. */
    static String ifNotExists(String typeStatement) {
        return typeStatement.replaceFirst("^CREATE\\s+TYPE\\s+(?!IF NOT EXISTS)", "CREATE TYPE IF NOT EXISTS ");
    }

    private static String withDatacenters(String statement, Map<String, String> datacenters) {
        Matcher replication = REPLICATION.matcher(statement);
        if (datacenters.isEmpty() || !replication.find()) {
            return statement;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher entry = MAP_ENTRY.matcher(replication.group(1));
        while (entry.find()) {
            String key = entry.group(1).replace("''", "'");
            settings.put(datacenters.getOrDefault(key, key), entry.group(2).replace("''", "'"));
        }
        List<String> entries = new ArrayList<>();
        settings.forEach((key, value) -> entries.add("'" + key.replace("'", "''") + "': '" + value.replace("'", "''") + "'"));
        return statement.substring(0, replication.start(1)) + String.join(", ", entries) + statement.substring(replication.end(1));
    }

    private static String withoutId(String statement) {
        Matcher id = TABLE_ID.matcher(statement);
        if (!id.find()) {
            return statement;
        }
        if (id.group(1) != null) {
            return statement.substring(0, id.start()) + statement.substring(id.end());
        }
        // The ID was the only option: "WITH ID = ..." goes whole.
        return statement.substring(0, id.start()).replaceFirst("\\s+WITH\\s*$", "") + statement.substring(id.end());
    }

    /** A name as CQL writes it, always quoted: a bare name that is a reserved word (a table called "key") would not parse. */
    static String quote(String name) {
        return CassandraCql.quote(name);
    }

    static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }

    /** A piece of the text replaced; applied from the end, so that earlier offsets stay right. */
    private record Replacement(int start, int end, String with) {

        static String apply(String text, List<Replacement> replacements) {
            StringBuilder result = new StringBuilder(text);
            replacements.stream().sorted((a, b) -> Integer.compare(b.start, a.start))
                    .forEach(replacement -> result.replace(replacement.start, replacement.end, replacement.with));
            return result.toString();
        }
    }
}
