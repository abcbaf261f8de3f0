package io.lifeboat.cluster;

import io.lifeboat.plan.PlanFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lifeboat's working folders inside a node ({@code .lifeboat-snapshot-<name>}, {@code .lifeboat-restore-<name>})
 * and the locks that say a live run uses them: a backup locks its snapshot folder, a restore locks the whole
 * node. Whatever a killed run left is found by the next run on the node, its lock being free, and removed.
 */
public final class WorkFolders {

    private static final Logger LOG = LoggerFactory.getLogger(WorkFolders.class);
    private static final String SNAPSHOT = ".lifeboat-snapshot-";
    private static final String RESTORE = ".lifeboat-restore-";
    private static final String LOCK = ".lock";
    private static final String RESTORE_LOCK = ".lifeboat-restore" + LOCK;

    private WorkFolders() {
    }

    public static Path snapshotFolder(Node node, String snapshot) {
        return node.dataDir().resolve(SNAPSHOT + snapshot);
    }

    public static Path restoreFolder(Node node, String snapshot) {
        return node.dataDir().resolve(RESTORE + snapshot);
    }

    /**
     * Locks the snapshot folder of {@code snapshot} on the node for a backup, after removing the snapshot folders
     * of backups that are gone.
     *
     * @throws PlanFailedException when a live run holds it
     */
    public static LockFile lockSnapshot(Node node, String snapshot, RunOwner owner) throws IOException {
        sweepSnapshots(node);
        return lock(node, lockOf(snapshotFolder(node, snapshot)), owner, "backed up under snapshot name " + snapshot);
    }

    /** Whether a live backup on this machine holds the snapshot folder of {@code snapshot} on the node. */
    public static boolean snapshotInUse(Node node, String snapshot) throws IOException {
        Path lock = lockOf(snapshotFolder(node, snapshot));
        return Files.exists(lock) && !LockFile.isFree(lock);
    }

    /**
     * Locks the node for a restore, one at a time, and removes every staging folder in it: only the lock's
     * holder restores into the node, so any staging folder there was left by a run that is gone.
     *
     * @throws PlanFailedException when a live run holds it
     */
    public static LockFile lockForRestore(Node node, RunOwner owner) throws IOException {
        LockFile lock = lock(node, node.dataDir().resolve(RESTORE_LOCK), owner, "restored");
        try {
            for (Path staging : children(node, RESTORE)) {
                if (Files.isDirectory(staging)) {
                    remove(node, staging);
                }
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void sweepSnapshots(Node node) throws IOException {
        for (Path child : children(node, SNAPSHOT)) {
            if (Files.isDirectory(child) && LockFile.isFree(lockOf(child))) {
                remove(node, child);
            } else if (child.getFileName().toString().endsWith(LOCK)) {
                // A lock without its folder: removed if free.
                LockFile.isFree(child);
            }
        }
    }

    private static LockFile lock(Node node, Path path, RunOwner owner, String doing) throws IOException {
        LockFile.Acquired acquired = LockFile.acquire(path, owner);
        return acquired.lock().orElseThrow(() -> new PlanFailedException(node + " is being " + doing + " by another run: "
                + acquired.holder().map(RunOwner::describe).orElse("its lock " + path + " is held") + "; nothing was written"));
    }

    private static List<Path> children(Node node, String prefix) throws IOException {
        if (!Files.isDirectory(node.dataDir())) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(node.dataDir())) {
            return children.filter(path -> path.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static void remove(Node node, Path folder) throws IOException {
        LOG.info("{}: removing {}, left by a run that is gone", node, folder.getFileName());
        FileTrees.deleteIfExists(folder);
    }

    private static Path lockOf(Path folder) {
        return folder.resolveSibling(folder.getFileName() + LOCK);
    }
}
