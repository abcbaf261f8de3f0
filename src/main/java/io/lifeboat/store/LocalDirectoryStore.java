package io.lifeboat.store;

import io.lifeboat.claim.ConditionalObjects;
import io.lifeboat.claim.DirectoryObjects;
import io.lifeboat.kernel.Failures;
import io.lifeboat.kernel.StoreLocation.LocalLocation;
import org.apache.commons.io.function.IOConsumer;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
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

    /** The files under the folder the prefix names, walked one at a time (in the walk's order, not sorted: nothing is held). */
    @Override
    public void forEach(String prefix, IOConsumer<StoredObject> each) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return;
        }
        try (Stream<Path> files = Files.walk(start)) {
            Iterator<Path> walk = files.iterator();
            while (walk.hasNext()) {
                Path file = walk.next();
                if (Files.isRegularFile(file) && !beingWritten(file) && keyOf(file).startsWith(prefix)) {
                    each.accept(new StoredObject(keyOf(file), sizeOf(file), modifiedAt(file)));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> objects = new ArrayList<>(SnapshotStore.super.list(prefix));
        objects.sort(Comparator.comparing(StoredObject::key));
        return objects;
    }

    @Override
    public List<String> folders() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).map(child -> child.getFileName().toString()).sorted().toList();
        }
    }

    /** Deletes the files, and the folders they leave empty. */
    @Override
    public void deleteAll(List<String> keys) throws IOException {
        for (String key : keys) {
            Path file = resolve(key);
            Files.deleteIfExists(file);
            for (Path folder = file.getParent(); folder != null && folder.startsWith(root) && !folder.equals(root); folder = folder.getParent()) {
                try {
                    Files.deleteIfExists(folder);
                } catch (DirectoryNotEmptyException stillUsed) {
                    break;
                }
            }
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

    /** Uploads and claims being written are hidden files of their own names, never objects (a node's own dot files are). */
    private static boolean beingWritten(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && (name.endsWith(PARTIAL_SUFFIX) || name.startsWith(DirectoryObjects.TEMPORARY));
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
