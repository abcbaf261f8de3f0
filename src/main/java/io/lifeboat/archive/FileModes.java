package io.lifeboat.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Unix permission bits between files and tar entries, where the file system has them. */
final class FileModes {

    private static final PosixFilePermission[] BY_BIT = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private FileModes() {
    }

    static int of(Path path, boolean directory) throws IOException {
        int type = directory ? 040000 : 0100000;
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) {
            return type | (directory ? 0755 : 0644);
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if (permissions.contains(BY_BIT[bit])) {
                mode |= 1 << bit;
            }
        }
        return type | mode;
    }

    /** Applies the permission bits of a tar mode; the owner always keeps read and write so restores can finish. */
    static void apply(Path path, int mode) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BY_BIT[bit]);
            }
        }
        Files.setPosixFilePermissions(path, permissions);
    }
}
