package io.lifeboat.archive;

import io.lifeboat.cluster.Links;

import java.io.IOException;
import java.nio.file.Path;

/** Checks that archive entry names and link targets stay inside the folder they are extracted into. */
final class SafePaths {

    private SafePaths() {
    }

    /** The path of an entry under {@code root}; refuses absolute names and any '..' segment. */
    static Path resolve(Path root, String entryName) throws IOException {
        String name = stripTrailingSlash(entryName);
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
            throw new UnsafeArchiveException("entry '" + entryName + "' has an absolute or malformed path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException("entry '" + entryName + "' climbs out of the node with '..'");
            }
        }
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new UnsafeArchiveException("entry '" + entryName + "' lies outside the node");
        }
        return path;
    }

    /** Refuses a symbolic link whose target is absolute or resolves outside {@code root}. */
    static void checkLinkTarget(Path root, Path link, String target) throws IOException {
        if (!Links.staysInside(root.relativize(link).toString(), target)) {
            throw new UnsafeArchiveException("link '" + root.relativize(link) + "' points outside the node (" + target + ")");
        }
    }


    static String stripTrailingSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /** An archive that would write outside its node. */
    static final class UnsafeArchiveException extends IOException {
        UnsafeArchiveException(String message) {
            super("refused to extract: " + message);
        }
    }
}
