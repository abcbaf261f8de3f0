package io.lifeboat.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * An exclusive lock held through a file: the operating system's lock on it ends with the process that
 * holds it, so a killed run's lock is free for its successor at once, with nothing stale to clean.
 * The file names its holder for whoever is refused, and is removed when the lock is released.
 */
public final class LockFile implements AutoCloseable {

    private static final int MAX_ATTEMPTS = 10;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private LockFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock at {@code path} for {@code owner}, or answers who holds it. */
    public static Acquired acquire(Path path, RunOwner owner) throws IOException {
        Files.createDirectories(path.getParent());
        byte[] content = owner.toJson();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = null;
            try {
                lock = tryLock(channel);
                if (lock == null) {
                    return new Acquired(Optional.empty(), holder(path));
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(content), 0);
                channel.force(false);
                // The file may have been removed by its last holder between our open and our lock: then retry.
                if (Arrays.equals(readOrEmpty(path), content)) {
                    LockFile held = new LockFile(path, channel, lock);
                    lock = null;
                    channel = null;
                    return new Acquired(Optional.of(held), Optional.empty());
                }
            } finally {
                if (lock != null) {
                    lock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            }
        }
        throw new IOException("could not lock " + path + ": it keeps being replaced");
    }

    /** The lock, or who holds it (when the holder could be read). */
    public record Acquired(Optional<LockFile> lock, Optional<RunOwner> holder) {
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static Optional<RunOwner> holder(Path path) {
        try {
            return RunOwner.fromJson(Files.readAllBytes(path));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] readOrEmpty(Path path) throws IOException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /** Whether the lock is free, that is its holder, if any, is gone; for sweeping what a killed run left. */
    public static boolean isFree(Path path) throws IOException {
        Acquired acquired = acquire(path, RunOwner.thisProcess("sweep", java.time.Instant.now()));
        if (acquired.lock().isPresent()) {
            acquired.lock().get().close();
            return true;
        }
        return false;
    }

    /** Removes the file while still holding the lock, then releases it. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            lock.release();
            channel.close();
        }
    }
}
