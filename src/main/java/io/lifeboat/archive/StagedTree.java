package io.lifeboat.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/**
 * A node's tree written entry by entry into a staging folder, in any order the entries' parents allow: no entry
 * name, link target or file lands outside the folder, and no file overwrites another.
 */
public final class StagedTree {

    private final Path staging;

    public StagedTree(Path staging) {
        this.staging = staging.toAbsolutePath().normalize();
    }

    /** Creates a directory the owner can fill; its time is set once it is full ({@link #setTime}). */
    public void directory(String name, int mode) throws IOException {
        Path path = SafePaths.resolve(staging, name);
        Files.createDirectories(path);
        FileModes.apply(path, mode | 0700);
    }

    /** Checks that a link stays inside the node, and creates it when {@code create}. */
    public void link(String name, String target, boolean create) throws IOException {
        Path path = SafePaths.resolve(staging, name);
        SafePaths.checkLinkTarget(staging, path, target);
        if (create) {
            Files.createDirectories(path.getParent());
            Files.createSymbolicLink(path, Path.of(target));
        }
    }

    /** A new file, never one that exists already nor through a link. */
    public OutputStream newFile(String name) throws IOException {
        Path path = SafePaths.resolve(staging, name);
        Files.createDirectories(path.getParent());
        return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /** Gives a written file its permission bits and time. */
    public void finishFile(String name, int mode, FileTime modified) throws IOException {
        Path path = SafePaths.resolve(staging, name);
        FileModes.apply(path, mode);
        Files.setLastModifiedTime(path, modified);
    }

    public void setTime(String name, FileTime modified) throws IOException {
        Files.setLastModifiedTime(SafePaths.resolve(staging, name), modified);
    }

    /** The name's first segment: the keyspace an entry belongs to. */
    public static String keyspaceOf(String name) {
        return name.split("/", 2)[0];
    }
}
