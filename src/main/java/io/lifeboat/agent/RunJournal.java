package io.lifeboat.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs going on on this agent, one small file each in the node's {@code .lifeboat-agent} folder, so that an
 * agent that was killed or restarted knows on its next start which runs it dropped, and reports them failed
 * instead of leaving their coordinators to wonder. Names the run, its plan and snapshot; never a parameter's value.
 */
final class RunJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";

    /** What the journal keeps of a run. */
    record Entry(String run, String plan, String snapshot) {
    }

    private final Path folder;

    RunJournal(Path folder) {
        this.folder = folder;
    }

    /**
     * Notes the run as going on, once it has begun working on the node; a node whose data directory does not exist
     * yet (a restore's target before its claim) holds nothing of the run to report, and is not noted (false).
     */
    synchronized boolean started(Entry entry) throws IOException {
        if (!Files.isDirectory(folder.getParent())) {
            return false;
        }
        Files.createDirectories(folder);
        Path written = folder.resolve(".writing-" + entry.run());
        Files.write(written, JSON.writeValueAsBytes(entry));
        Files.move(written, folder.resolve(entry.run() + SUFFIX), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** The run is over; once no run is going on, the folder goes too, leaving the node as it was. */
    synchronized void ended(String run) {
        try {
            Files.deleteIfExists(folder.resolve(run + SUFFIX));
            try (Stream<Path> left = Files.list(folder)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        } catch (NoSuchFileException alreadyGone) {
            // Nothing to remove.
        } catch (IOException e) {
            LOG.debug("could not remove run {} from the journal: {}", run, e.getMessage());
        }
    }

    /** The runs a previous start of the agent left going, taken out of the journal. */
    synchronized List<Entry> takeLeftBehind() throws IOException {
        List<Entry> left = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return left;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().endsWith(SUFFIX)) {
                    try {
                        left.add(JSON.readValue(file.toFile(), Entry.class));
                    } catch (IOException unreadable) {
                        LOG.debug("skipping unreadable journal entry {}: {}", file, unreadable.getMessage());
                    }
                }
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
        return left;
    }

    static RunDetails details(Entry entry) {
        return new RunDetails(entry.plan(), Map.of("SNAPSHOT_NAME", entry.snapshot()));
    }
}
