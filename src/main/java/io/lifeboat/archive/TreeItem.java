package io.lifeboat.archive;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * One thing in a node's tree as a walk meets it: a directory, a link (with its target) or a regular file (with
 * its size), named by its path inside the node, with its permission bits (and type, as tar writes them) and time.
 */
public record TreeItem(Kind kind, String name, Path path, int mode, FileTime modified, long size, String linkTarget) {

    public enum Kind { DIRECTORY, LINK, FILE }
}
