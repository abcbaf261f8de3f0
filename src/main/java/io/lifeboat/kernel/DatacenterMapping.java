package io.lifeboat.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DATACENTERS: the target's names for the backed-up cluster's data centres ({@code dc-east=dc-west}), for a target
 * whose data centres are named otherwise; the restored keyspaces' replication settings use the new names.
 */
public record DatacenterMapping(Map<String, String> renames) {

    public static final DatacenterMapping NONE = new DatacenterMapping(Map.of());
    public static final String PARAMETER = "DATACENTERS";

    public DatacenterMapping {
        renames = Map.copyOf(renames);
    }

    /** Parses space-separated {@code backed-up=target} entries; a blank value maps nothing. */
    public static DatacenterMapping parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Map<String, String> renames = new LinkedHashMap<>();
        for (String entry : value.trim().split("\\s+")) {
            String[] sides = entry.split("=", -1);
            if (sides.length != 2 || sides[0].isEmpty() || sides[1].isEmpty()) {
                throw invalid("'" + entry + "' is not backed-up=target (dc-east=dc-west)");
            }
            if (renames.put(sides[0], sides[1]) != null) {
                throw invalid("data centre " + sides[0] + " is mapped twice");
            }
        }
        if (renames.values().stream().distinct().count() != renames.size()) {
            throw invalid("two data centres are mapped onto one");
        }
        return new DatacenterMapping(renames);
    }

    public boolean isEmpty() {
        return renames.isEmpty();
    }

    /** The target's name for a backed-up data centre. */
    public String target(String datacenter) {
        return renames.getOrDefault(datacenter, datacenter);
    }

    /** The DATACENTERS value that gives this mapping again, for a node's agent. */
    public String value() {
        StringBuilder value = new StringBuilder();
        renames.forEach((from, to) -> value.append(from).append('=').append(to).append(' '));
        return value.toString().strip();
    }

    private static ParameterException invalid(String why) {
        return new ParameterException(PARAMETER, "DATACENTERS: " + why);
    }
}
