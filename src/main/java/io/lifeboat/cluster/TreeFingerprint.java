package io.lifeboat.cluster;

import io.lifeboat.kernel.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a directory tree holds, path by path: directories, links and the SHA-256 of every file. */
public final class TreeFingerprint {

    private TreeFingerprint() {
    }

    /** Relative path → "dir", "link -> target" or "file <size> <sha256>". */
    public static SortedMap<String, String> of(Path root) throws IOException {
        SortedMap<String, String> entries = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(root)) {
            tree.filter(path -> !path.equals(root)).forEach(path -> entries.put(root.relativize(path).toString(), describe(path)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return entries;
    }

    private static String describe(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                return "link -> " + Files.readSymbolicLink(path);
            }
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                return "dir";
            }
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    digest.update(buffer, 0, read);
                }
            }
            return "file " + Files.size(path) + " " + Sha256.hex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
