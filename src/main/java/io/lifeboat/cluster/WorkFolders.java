package io.lifeboat.cluster;

import io.lifeboat.claim.Claim;
import io.lifeboat.claim.ClaimTakenException;
import io.lifeboat.claim.DirectoryObjects;
import io.lifeboat.claim.LeasedClaim;
import io.lifeboat.claim.RunOwner;
import io.lifeboat.kernel.PlanFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lifeboat's working folders inside a node ({@code .lifeboat-snapshot-<name>}, {@code .lifeboat-restore-<name>})
 * and the claims that say a live run uses them: a backup claims its snapshot folder, a restore the whole node.
 * Whatever a killed run left is found by the next run on the node, its claim being free, and removed.
 */
public final class WorkFolders {

    private static final Logger LOG = LoggerFactory.getLogger(WorkFolders.class);
    private static final String SNAPSHOT = ".lifeboat-snapshot-";
    private static final String RESTORE = ".lifeboat-restore-";
    private static final String CLAIM = ".claim";
    private static final String RESTORE_CLAIM = ".lifeboat-restore" + CLAIM;
    private static final String AGENT_JOURNAL = ".lifeboat-agent";

    private WorkFolders() {
    }

    public static Path snapshotFolder(Node node, String snapshot) {
        return node.dataDir().resolve(SNAPSHOT + snapshot);
    }

    public static Path restoreFolder(Node node, String snapshot) {
        return node.dataDir().resolve(RESTORE + snapshot);
    }

    /**
     * Claims the snapshot folder of {@code snapshot} on the node for a backup, after removing the snapshot folders
     * of backups that are gone.
     *
     * @throws PlanFailedException when a live run holds it
     */
    public static Claim claimSnapshot(Node node, String snapshot, RunOwner owner) throws IOException {
        sweepSnapshots(node);
        return claim(node, claimOf(SNAPSHOT + snapshot), owner, "backed up under snapshot name " + snapshot);
    }

    /** Whether a live backup holds the snapshot folder of {@code snapshot} on the node. */
    public static boolean snapshotInUse(Node node, String snapshot) throws IOException {
        return !LeasedClaim.isFree(objects(node), claimOf(SNAPSHOT + snapshot), Clock.systemUTC());
    }

    /**
     * Claims the node for a restore, one at a time, and removes every staging folder in it: only the claim's
     * holder restores into the node, so any staging folder there was left by a run that is gone.
     *
     * @throws PlanFailedException when a live run holds it
     */
    public static Claim claimForRestore(Node node, RunOwner owner) throws IOException {
        Claim claim = claim(node, RESTORE_CLAIM, owner, "restored");
        try {
            for (Path staging : children(node, RESTORE)) {
                if (Files.isDirectory(staging)) {
                    remove(node, staging);
                }
            }
            return claim;
        } catch (IOException | RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    /**
     * Removes what runs that are gone left in the node: snapshot folders whose backup is gone, and staging folders
     * unless a live restore holds the node. What an agent does when it starts.
     */
    public static void sweep(Node node) throws IOException {
        sweepSnapshots(node);
        if (LeasedClaim.isFree(objects(node), RESTORE_CLAIM, Clock.systemUTC())) {
            for (Path staging : children(node, RESTORE)) {
                if (Files.isDirectory(staging)) {
                    remove(node, staging);
                }
            }
        }
    }

    /** The folder where a node's agent keeps the runs it has going, to report them failed after a restart. */
    public static Path agentJournal(Node node) {
        return node.dataDir().resolve(AGENT_JOURNAL);
    }

    private static void sweepSnapshots(Node node) throws IOException {
        for (Path folder : children(node, SNAPSHOT)) {
            String name = folder.getFileName().toString();
            if (Files.isDirectory(folder) && LeasedClaim.isFree(objects(node), claimOf(name), Clock.systemUTC())) {
                remove(node, folder);
                Files.deleteIfExists(node.dataDir().resolve(claimOf(name)));
            }
        }
    }

    private static Claim claim(Node node, String key, RunOwner owner, String doing) throws IOException {
        try {
            return LeasedClaim.acquire(objects(node), key, owner, Clock.systemUTC());
        } catch (ClaimTakenException e) {
            throw new PlanFailedException(node + " is being " + doing + " by another "
                    + e.holder().map(RunOwner::describe).orElse("run") + "; nothing was written", e);
        }
    }

    private static DirectoryObjects objects(Node node) {
        return new DirectoryObjects(node.dataDir());
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

    private static String claimOf(String folderName) {
        return folderName + CLAIM;
    }
}
