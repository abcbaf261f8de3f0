package io.lifeboat.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.archive.FileEntry;
import io.lifeboat.kernel.BackupMode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes manifest.json (documented in docs/storage-layout.md). Format 2 uses only the names and
 * shapes of format 1 (a node's {@code files} then holds one entry: its file list object), so a Lifeboat that
 * reads only format 1 parses a newer manifest and refuses it by its version instead of choking on a field.
 */
public final class ManifestCodec {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestCodec() {
    }

    public static byte[] write(Manifest manifest) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", manifest.formatVersion());
        root.put("snapshot", manifest.snapshot());
        root.put("cluster", manifest.cluster());
        root.put("clusterType", manifest.clusterType());
        root.put("startedAt", manifest.startedAt().toString());
        root.put("completedAt", manifest.completedAt().toString());
        root.put("strategy", manifest.strategy());
        root.put("compression", manifest.compression());
        if (manifest.mode() == BackupMode.DIFFERENTIAL) {
            root.put("mode", manifest.mode().label());
            root.put("base", manifest.base());
        }
        manifest.keyspaces().forEach(root.putArray("keyspaces")::add);
        manifest.schemaEntry().ifPresentOrElse(schema -> entry(root.putObject("schema"), "object", schema.object(), schema.size(),
                schema.sha256()), () -> root.putNull("schema"));
        if (manifest.topology().isPresent()) {
            RingCodec.write(root, manifest.topology().get(), manifest.tablesByKeyspace().orElse(Map.of()));
        }
        ArrayNode nodes = root.putArray("nodes");
        for (NodeManifest node : manifest.nodes()) {
            ObjectNode entry = nodes.addObject();
            entry.put("index", node.index());
            entry(entry, "object", node.object(), node.size(), node.sha256());
            node.keyspaces().forEach(entry.putArray("keyspaces")::add);
            ArrayNode files = entry.putArray("files");
            if (node.files() instanceof FileList.Stored stored) {
                entry(files.addObject(), "path", stored.object(), stored.size(), stored.sha256());
            } else if (node.files() instanceof FileList.PerFileObjects objects) {
                entry.put("fileCount", objects.files());
                entry.put("dataBytes", objects.dataBytes());
                entry.put("uploadedFiles", objects.uploadedFiles());
                entry.put("uploadedBytes", objects.uploadedBytes());
            } else {
                ((FileList.Inline) node.files()).files().forEach(file -> entry(files.addObject(), "path", file.path(), file.size(),
                        file.sha256()));
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest tree always serializes", e);
        }
    }

    private static void entry(ObjectNode target, String nameField, String name, long size, String sha256) {
        target.put(nameField, name);
        target.put("size", size);
        target.put("sha256", sha256);
    }

    /**
     * Reads and checks a manifest.
     *
     * @param key where it was read from, for messages
     * @throws ManifestException naming {@code key} and what is wrong with it
     */
    public static Manifest read(String key, byte[] json) throws ManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ManifestException(key + " is not a valid manifest: it is not JSON (it may be truncated)");
        }
        ManifestFields fields = new ManifestFields(key);
        if (root == null || !root.isObject()) {
            throw fields.invalid("it is not a JSON object");
        }
        int version = fields.integer(root, "formatVersion");
        if (version < 1 || version > Manifest.RING_FORMAT_VERSION) {
            throw new ManifestException(key + " has format " + version + ", which this Lifeboat does not read (it reads 1 to "
                    + Manifest.RING_FORMAT_VERSION + "); use a newer Lifeboat");
        }
        BackupMode mode = version >= Manifest.DIFFERENTIAL_FORMAT_VERSION && root.hasNonNull("mode")
                ? fields.mode(root) : BackupMode.FULL;
        JsonNode schema = root.get("schema");
        SchemaEntry schemaEntry = schema == null || schema.isNull() ? null
                : new SchemaEntry(fields.text(schema, "object", "schema"), fields.size(schema, "schema"), fields.sha256(schema, "schema"));
        List<NodeManifest> nodes = new ArrayList<>();
        JsonNode nodeArray = fields.array(root, "nodes", "");
        if (nodeArray.isEmpty()) {
            throw fields.invalid("it lists no node");
        }
        for (int i = 0; i < nodeArray.size(); i++) {
            nodes.add(node(fields, nodeArray.get(i), "nodes[" + i + "]", version, mode));
        }
        fields.checkUniqueIndices(nodes);
        boolean ring = version >= Manifest.RING_FORMAT_VERSION;
        return new Manifest(version, fields.text(root, "snapshot", ""), fields.text(root, "cluster", ""),
                root.hasNonNull("clusterType") ? fields.text(root, "clusterType", "") : null,
                fields.instant(root, "startedAt"), fields.instant(root, "completedAt"), fields.text(root, "strategy", ""),
                fields.compression(root), fields.texts(root, "keyspaces", ""), schemaEntry, nodes, mode,
                root.hasNonNull("base") ? fields.text(root, "base", "") : null,
                ring ? RingCodec.readRing(fields, root) : null, ring ? RingCodec.readTables(fields, root) : null);
    }

    private static NodeManifest node(ManifestFields fields, JsonNode node, String where, int version, BackupMode mode)
            throws ManifestException {
        if (!node.isObject()) {
            throw fields.invalid(where + " is not an object");
        }
        JsonNode files = fields.array(node, "files", where);
        List<FileEntry> entries = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String at = where + ".files[" + i + "]";
            entries.add(new FileEntry(fields.text(files.get(i), "path", at), fields.size(files.get(i), at), fields.sha256(files.get(i), at)));
        }
        FileList fileList;
        if (mode == BackupMode.DIFFERENTIAL) {
            fileList = new FileList.PerFileObjects(fields.count(node, "fileCount", where), fields.count(node, "dataBytes", where),
                    fields.count(node, "uploadedFiles", where), fields.count(node, "uploadedBytes", where));
        } else if (version == 1) {
            fileList = new FileList.Inline(entries);
        } else if (entries.size() == 1) {
            FileEntry list = entries.get(0);
            fileList = new FileList.Stored(list.path(), list.size(), list.sha256());
        } else {
            throw fields.invalid(where + ".files must name the node's one file list object (it has " + entries.size() + " entries)");
        }
        int index = fields.integer(node, "index", where);
        if (index < 0) {
            throw fields.invalid(where + ".index is negative");
        }
        return new NodeManifest(index, fields.text(node, "object", where), fields.size(node, where), fields.sha256(node, where),
                fields.texts(node, "keyspaces", where), fileList);
    }
}
