package io.lifeboat.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.kernel.BackupMode;
import io.lifeboat.kernel.Compression;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a manifest's fields one by one, naming the manifest and the field that is missing or malformed. */
final class ManifestFields {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String key;

    ManifestFields(String key) {
        this.key = key;
    }

    ManifestException invalid(String why) {
        return new ManifestException(key + " is not a valid manifest: " + why);
    }

    String text(JsonNode parent, String field, String where) throws ManifestException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw invalid(path(where, field) + " is missing");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw invalid(path(where, field) + " is not a non-empty string");
        }
        return value.asText();
    }

    int integer(JsonNode parent, String field) throws ManifestException {
        return integer(parent, field, "");
    }

    int integer(JsonNode parent, String field, String where) throws ManifestException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw invalid(path(where, field) + " is missing");
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw invalid(path(where, field) + " is not a whole number");
        }
        return value.intValue();
    }

    long size(JsonNode parent, String where) throws ManifestException {
        return count(parent, "size", where, "a size in bytes");
    }

    /** A whole number of bytes or files, zero or more. */
    long count(JsonNode parent, String field, String where) throws ManifestException {
        return count(parent, field, where, "a count");
    }

    private long count(JsonNode parent, String field, String where, String what) throws ManifestException {
        JsonNode value = parent.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw invalid(path(where, field) + " is " + (value == null || value.isNull() ? "missing" : "not " + what));
        }
        return value.longValue();
    }

    BackupMode mode(JsonNode parent) throws ManifestException {
        String value = text(parent, "mode", "");
        for (BackupMode mode : BackupMode.values()) {
            if (mode.label().equals(value)) {
                return mode;
            }
        }
        throw invalid("mode '" + value + "' is not full or differential");
    }

    String sha256(JsonNode parent, String where) throws ManifestException {
        String value = text(parent, "sha256", where);
        if (!SHA256.matcher(value).matches()) {
            throw invalid(path(where, "sha256") + " is not a SHA-256 in hex");
        }
        return value;
    }

    Instant instant(JsonNode parent, String field) throws ManifestException {
        String value = text(parent, field, "");
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field + " is not an ISO-8601 time");
        }
    }

    String compression(JsonNode parent) throws ManifestException {
        String value = text(parent, "compression", "");
        for (Compression codec : Compression.values()) {
            if (codec.label().equals(value)) {
                return value;
            }
        }
        throw invalid("compression '" + value + "' is not gzip, zstd or none");
    }

    JsonNode array(JsonNode parent, String field, String where) throws ManifestException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw invalid(path(where, field) + " is missing");
        }
        if (!value.isArray()) {
            throw invalid(path(where, field) + " is not a list");
        }
        return value;
    }

    List<String> texts(JsonNode parent, String field, String where) throws ManifestException {
        List<String> texts = new ArrayList<>();
        JsonNode values = array(parent, field, where);
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isTextual()) {
                throw invalid(path(where, field) + "[" + i + "] is not a string");
            }
            texts.add(values.get(i).asText());
        }
        return texts;
    }

    void checkUniqueIndices(List<NodeManifest> nodes) throws ManifestException {
        Set<Integer> seen = new HashSet<>();
        for (NodeManifest node : nodes) {
            if (!seen.add(node.index())) {
                throw invalid("node " + node.index() + " is listed twice");
            }
        }
    }

    private static String path(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }
}
