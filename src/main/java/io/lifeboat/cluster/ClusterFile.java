package io.lifeboat.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lifeboat.plan.ParameterException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a cluster file; a relative {@code dataDir} is resolved against the file's own folder. */
public final class ClusterFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ClusterFile() {
    }

    /** The file as written: only the fields Lifeboat knows. */
    record Document(String name, List<NodeEntry> nodes) {
    }

    record NodeEntry(Integer index, String dataDir) {
    }

    public static Cluster load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new ParameterException("--cluster", "cluster file " + file + " does not exist");
        }
        Document document;
        try {
            document = YAML.readValue(absolute.toFile(), Document.class);
        } catch (IOException e) {
            throw new ParameterException("--cluster", "cluster file " + file + " is not valid: " + firstLine(e.getMessage()));
        }
        return toCluster(document, absolute.getParent(), file);
    }

    private static Cluster toCluster(Document document, Path folder, Path file) {
        if (document == null || document.name() == null || document.name().isBlank()) {
            throw invalid(file, "it needs a 'name'");
        }
        if (document.nodes() == null || document.nodes().isEmpty()) {
            throw invalid(file, "it needs at least one entry under 'nodes'");
        }
        List<Node> nodes = new ArrayList<>();
        Set<Integer> indices = new HashSet<>();
        Set<Path> dataDirs = new HashSet<>();
        for (NodeEntry entry : document.nodes()) {
            if (entry.index() == null || entry.index() < 0) {
                throw invalid(file, "every node needs an 'index' of 0 or more");
            }
            if (entry.dataDir() == null || entry.dataDir().isBlank()) {
                throw invalid(file, "node " + entry.index() + " needs a 'dataDir'");
            }
            Path dataDir = folder.resolve(entry.dataDir()).normalize();
            if (!indices.add(entry.index())) {
                throw invalid(file, "node index " + entry.index() + " appears twice");
            }
            if (!dataDirs.add(dataDir)) {
                throw invalid(file, "dataDir " + entry.dataDir() + " is used by two nodes");
            }
            nodes.add(new Node(entry.index(), dataDir));
        }
        return new Cluster(document.name(), nodes);
    }

    private static ParameterException invalid(Path file, String why) {
        return new ParameterException("--cluster", "cluster file " + file + " is not valid: " + why);
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
