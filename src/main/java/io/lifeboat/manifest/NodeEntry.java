package io.lifeboat.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a node's tree in a differential snapshot, a line of its file list: a directory, a link, or a file
 * with the object that holds it (whichever snapshot uploaded it), how that object is compressed and its size.
 * Entries come depth first, each directory's entries sorted by name ({@link io.lifeboat.archive.PathOrder}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeEntry(String path, String type, Integer mode, String mtime, String target, Long size, String sha256, String object,
                        String codec, Long stored) {

    public static final String DIRECTORY = "dir";
    public static final String LINK = "link";
    public static final String FILE = "file";

    public static NodeEntry directory(String path, int mode, String mtime) {
        return new NodeEntry(path, DIRECTORY, mode, mtime, null, null, null, null, null, null);
    }

    public static NodeEntry link(String path, String target) {
        return new NodeEntry(path, LINK, null, null, target, null, null, null, null, null);
    }

    public static NodeEntry file(String path, int mode, String mtime, long size, String sha256, String object, String codec, long stored) {
        return new NodeEntry(path, FILE, mode, mtime, null, size, sha256, object, codec, stored);
    }

    /** The same entry with other permission bits: a file whose mode changed is still the same data. */
    @JsonIgnore
    public NodeEntry withMode(int newMode) {
        return new NodeEntry(path, type, newMode, mtime, target, size, sha256, object, codec, stored);
    }

    @JsonIgnore
    public boolean isFile() {
        return FILE.equals(type);
    }

    @JsonIgnore
    public boolean isDirectory() {
        return DIRECTORY.equals(type);
    }

    @JsonIgnore
    public boolean isLink() {
        return LINK.equals(type);
    }


    /** What is wrong with a line read from a store, or null when it is a well-formed entry. */
    String problem() {
        if (path == null || path.isEmpty() || type == null) {
            return "it has no path or type";
        }
        return switch (type) {
            case DIRECTORY -> mode == null || mtime == null ? "a directory without mode or time" : null;
            case LINK -> target == null ? "a link without target" : null;
            case FILE -> mode == null || mtime == null || size == null || size < 0 || sha256 == null || object == null || codec == null
                    || stored == null ? "a file without mode, time, size, SHA-256, object, codec or stored size" : null;
            default -> "its type '" + type + "' is not dir, link or file";
        };
    }
}
