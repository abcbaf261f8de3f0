package io.lifeboat.claim;

import io.lifeboat.kernel.Sha256;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Conditional objects as files of a directory, with the file system's two atomic steps: a hard link, made
 * only if nothing has the name, creates a file whole; a rename takes a file away, for one taker only.
 * Replacing takes the file away, checks it is the version read, and links the new one in its place.
 */
public final class DirectoryObjects implements ConditionalObjects {

    /** How the name of a claim being written starts. */
    public static final String TEMPORARY = ".claim-";

    private final Path directory;

    public DirectoryObjects(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> create(String key, byte[] bytes) throws IOException {
        Path target = directory.resolve(key);
        Files.createDirectories(target.getParent());
        Path written = temporary(target);
        try {
            Files.write(written, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.createLink(target, written);
            return Optional.of(Sha256.of(bytes));
        } catch (FileAlreadyExistsException e) {
            return Optional.empty();
        } finally {
            Files.deleteIfExists(written);
        }
    }

    @Override
    public Optional<Versioned> readVersioned(String key) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(directory.resolve(key));
            return Optional.of(new Versioned(bytes, Sha256.of(bytes)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> replace(String key, byte[] bytes, String version) throws IOException {
        Optional<Path> taken = takeAway(key, version);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        Files.delete(taken.get());
        return create(key, bytes);
    }

    @Override
    public void deleteIf(String key, String version) throws IOException {
        Optional<Path> taken = takeAway(key, version);
        if (taken.isPresent()) {
            Files.delete(taken.get());
        }
    }

    /**
     * Renames the file away if it is at {@code version}; only one of several takers can. A file found at
     * another version is put back (unless its name was taken again meanwhile, which changed it anyway).
     */
    private Optional<Path> takeAway(String key, String version) throws IOException {
        Path target = directory.resolve(key);
        Path taken = temporary(target);
        try {
            Files.move(target, taken, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(directory + " cannot rename atomically, which claims need", e);
        }
        byte[] bytes = Files.readAllBytes(taken);
        if (Sha256.of(bytes).equals(version)) {
            return Optional.of(taken);
        }
        try {
            Files.createLink(target, taken);
        } catch (FileAlreadyExistsException replacedMeanwhile) {
            // Someone created the name again: what we took is stale either way.
        } finally {
            Files.deleteIfExists(taken);
        }
        return Optional.empty();
    }

    private static Path temporary(Path target) {
        return target.resolveSibling(TEMPORARY + target.getFileName() + "-" + UUID.randomUUID());
    }
}
