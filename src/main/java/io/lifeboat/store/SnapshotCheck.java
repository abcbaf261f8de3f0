package io.lifeboat.store;

import io.lifeboat.archive.ArchiveDamagedException;
import io.lifeboat.archive.DamagedException;
import io.lifeboat.archive.DigestingInputStream;
import io.lifeboat.kernel.InFlight;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.NodeEntries;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.manifest.SchemaEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Checks that a snapshot can be restored, without restoring it: every object its manifest names (archives, file lists,
 * the schema, and every file of a differential snapshot) is in the store at its recorded size, and, when asked, is
 * downloaded and hashed again (every object, or a random share of the data objects). Objects are checked many at
 * once, one at a time per slot; every bad one is reported, and the check goes on.
 */
public final class SnapshotCheck {

    /** What to read: nothing but sizes, every data object, or a share of them (file lists and the schema are always read when data is). */
    public record Reading(int percent) {
        public static final Reading SIZES = new Reading(0);
        public static final Reading ALL = new Reading(100);

        boolean reads(RandomGenerator random) {
            return percent >= 100 || percent > 0 && random.nextInt(100) < percent;
        }

        boolean readsAny() {
            return percent > 0;
        }
    }

    /** What the check found: objects checked, bytes read, and how many were bad (each told to the report as it was found). */
    public record Result(long objects, long bytesRead, long bad) {
    }

    private final SnapshotStore store;
    private final Reading reading;
    private final int inFlight;
    private final Consumer<String> report;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();

    /** @param report told each bad object in one line, naming its node, as soon as it is found (from any thread) */
    public SnapshotCheck(SnapshotStore store, Reading reading, int inFlight, Consumer<String> report) {
        this.store = store;
        this.reading = reading;
        this.inFlight = inFlight;
        this.report = report;
    }

    /**
     * @throws StoreException when the snapshot is not complete in the store or its manifest cannot be read: nothing
     *                        else can be checked then
     */
    public Result check(SnapshotName snapshot) throws IOException {
        String manifestKey = StoreLayout.manifestKey(snapshot);
        if (store.size(manifestKey).isEmpty()) {
            throw new StoreException("snapshot " + snapshot + " not found or incomplete in " + store.location().describe());
        }
        Manifest manifest = ManifestCodec.read(manifestKey, store.read(manifestKey));
        objects.incrementAndGet();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight, runnable -> {
            Thread thread = new Thread(runnable, "lifeboat-verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            InFlight checks = new InFlight(pool, inFlight);
            Optional<SchemaEntry> schema = manifest.schemaEntry();
            if (schema.isPresent()) {
                checks.submit(() -> checkWhole("schema", schema.get().object(), schema.get().size(), schema.get().sha256(), reading.readsAny()));
            }
            for (NodeManifest node : manifest.nodes()) {
                checkNode(node, checks);
            }
            checks.awaitAll();
        } finally {
            pool.shutdownNow();
        }
        return new Result(objects.get(), bytesRead.get(), bad.get());
    }

    private void checkNode(NodeManifest node, InFlight checks) throws IOException {
        String where = "node " + node.index();
        if (node.perFile()) {
            checkFiles(node, where, checks);
            return;
        }
        boolean readArchive = reading.reads(random);
        checks.submit(() -> checkWhole(where, node.object(), node.size(), node.sha256(), readArchive));
        if (node.files() instanceof FileList.Stored list) {
            checks.submit(() -> checkWhole(where, list.object(), list.size(), list.sha256(), reading.readsAny()));
        }
    }

    /** The file list is read in any case (it names the objects); each file's object is checked as the list goes. */
    private void checkFiles(NodeManifest node, String where, InFlight checks) throws IOException {
        FileList.Stored list = new FileList.Stored(node.object(), node.size(), node.sha256());
        objects.incrementAndGet();
        try (NodeEntries.Reader entries = NodeEntries.reader(list, store.download(list.object(), 1))) {
            Optional<NodeEntry> next;
            while ((next = entries.next()).isPresent()) {
                NodeEntry entry = next.get();
                if (entry.isFile()) {
                    boolean read = reading.reads(random);
                    checks.submit(() -> checkFile(where, entry, read));
                }
            }
            entries.checkWhole();
            bytesRead.addAndGet(list.size());
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException | DamagedException e) {
            bad(where, e);
        }
    }

    private void checkFile(String where, NodeEntry file, boolean read) throws IOException {
        objects.incrementAndGet();
        try {
            if (read) {
                FileObjects.read(store, file, OutputStream.nullOutputStream(), bytes -> { });
                bytesRead.addAndGet(file.stored());
            } else {
                store.checkSize(file.object(), file.stored());
            }
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException | DamagedException e) {
            bad(where, e);
        }
    }

    private void checkWhole(String where, String key, long size, String sha256, boolean read) throws IOException {
        objects.incrementAndGet();
        try {
            store.checkSize(key, size);
            if (read) {
                try (DigestingInputStream object = new DigestingInputStream(store.download(key, 1))) {
                    object.drain();
                    bytesRead.addAndGet(object.count());
                    if (object.count() != size || !object.sha256().equals(sha256)) {
                        throw new ArchiveDamagedException(key + " does not match the manifest (" + object.count() + " bytes, SHA-256 "
                                + object.sha256() + "; expected " + size + " bytes, SHA-256 " + sha256 + ")");
                    }
                }
            }
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException | DamagedException e) {
            bad(where, e);
        }
    }

    private void bad(String where, IOException problem) {
        bad.incrementAndGet();
        report.accept(where + ": " + problem.getMessage());
    }
}
