package io.lifeboat.store;

import io.lifeboat.claim.ConditionalObjects;
import io.lifeboat.claim.DirectoryObjects;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.StoreLocation.LocalLocation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Snapshots in a directory: each object is written beside its key and renamed into place when complete. */
public final class LocalDirectoryStore implements SnapshotStore {

    private static final String PARTIAL_SUFFIX = ".partial";

    private final LocalLocation location;
    private final Path root;
    private final DirectoryObjects objects;

    public LocalDirectoryStore(LocalLocation location) {
        this.location = location;
        this.root = location.directory();
        this.objects = new DirectoryObjects(root);
    }

    @Override
    public LocalLocation location() {
        return location;
    }

    @Override
    public void checkReachable() throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new StoreException("BACKUP_DIR " + root + " is not a directory");
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
    }

    @Override
    public ObjectUpload upload(String key, int partsInFlight, long expectedBytes) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        return new FileUpload(key, target, partialOf(target));
    }

    @Override
    public InputStream download(String key, int partsInFlight) throws IOException {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new StoreException(key + " does not exist in " + root);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    // Hidden files are uploads and claims being written, never objects.
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .map(file -> new StoredObject(keyOf(file), sizeOf(file), modifiedAt(file)))
                    .filter(object -> object.key().startsWith(prefix))
                    .sorted(Comparator.comparing(StoredObject::key))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public void abandonUnfinished(String prefix) throws IOException {
        Path folder = resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path partial : files.filter(file -> file.getFileName().toString().endsWith(PARTIAL_SUFFIX)).toList()) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Files created whole with a hard link, only if absent; taken away with a rename. */
    @Override
    public ConditionalObjects conditionalObjects() {
        return objects;
    }

    private static Path partialOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + PARTIAL_SUFFIX);
    }

    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("key " + key + " leaves " + root);
        }
        return file;
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant modifiedAt(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file written under a hidden partial name, synced, then renamed over the key in one step. */
    private final class FileUpload extends ObjectUpload {

        private final String key;
        private final Path target;
        private final Path partial;
        private final FileChannel channel;

        FileUpload(String key, Path target, Path partial) throws IOException {
            this.key = key;
            this.target = target;
            this.partial = partial;
            this.channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        protected void finish() throws IOException {
            try {
                channel.force(true);
                channel.close();
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        protected void abort() throws IOException {
            channel.close();
            Files.deleteIfExists(partial);
        }

        /** A full or read-only disk, in words and naming the object. */
        private StoreException failed(IOException e) {
            return new StoreException(root + ": could not write " + key + ": " + Failures.reason(e), e);
        }
    }
}
