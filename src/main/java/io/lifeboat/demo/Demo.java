package io.lifeboat.demo;

import io.lifeboat.cli.Report;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.FileTrees;
import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.clusters.ClusterFile;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.plan.PlanRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.SortedMap;

/** {@code lifeboat demo}: a sample cluster backed up to a directory and restored into a fresh one, then compared. */
public final class Demo {

    private static final String MARKER = ".lifeboat-demo";
    private static final int NODES = 3;

    private final PrintStream out;
    private final PlanRunner runner;
    private final LifeboatSettings settings;

    public Demo(PrintStream out, PlanRunner runner, LifeboatSettings settings) {
        this.out = out;
        this.runner = runner;
        this.settings = settings;
    }

    public int run(Path folder) throws Exception {
        Path root = folder.toAbsolutePath().normalize();
        prepare(root);
        Path sourceFile = SampleCluster.write(root.resolve("source"), "demo", NODES, 512 * 1024);
        Path targetFile = SampleCluster.writeEmpty(root.resolve("restored"), "demo-restored", NODES);
        Path backups = root.resolve("backups");
        String snapshot = "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        out.println("Sample cluster: " + NODES + " nodes, keyspaces shop and metrics, in " + root.resolve("source/nodes"));

        Cluster source = ClusterFile.load(sourceFile);
        Cluster target = ClusterFile.load(targetFile);
        Map<String, String> parameters = Map.of("SNAPSHOT_NAME", snapshot, "BACKUP_DIR", backups.toString());
        out.println(Report.of(run(Plan.BACKUP_LOCAL, source, parameters)));
        out.println(Report.of(run(Plan.RESTORE_LOCAL, target, parameters)));
        return compare(source, target, backups.resolve(snapshot));
    }

    private PlanResult run(Plan plan, Cluster cluster, Map<String, String> parameters) {
        PlanRequest request = PlanRequest.parse(plan, cluster, PlanParameters.of(parameters), settings);
        return runner.execute(request, new RunProgress(plan, request.snapshot().value(), "demo"));
    }

    private int compare(Cluster source, Cluster target, Path backup) throws IOException {
        for (int index = 0; index < NODES; index++) {
            SortedMap<String, String> original = TreeFingerprint.of(source.node(index).orElseThrow().dataDir());
            SortedMap<String, String> restored = TreeFingerprint.of(target.node(index).orElseThrow().dataDir());
            if (!original.equals(restored)) {
                out.println("node " + index + ": the restored tree DIFFERS from the original");
                return 1;
            }
            out.println("node " + index + ": restored tree identical to the original (" + original.size() + " entries)");
        }
        out.println("The backup lies in " + backup + " (node-<index>.tar.gz, node-<index>.files.jsonl.gz and manifest.json; try: tar tzf "
                + backup.resolve("node-0.tar.gz") + ")");
        out.println("Demo COMPLETE.");
        return 0;
    }

    /** Clears an earlier demo; refuses to touch a folder the demo did not make. */
    private static void prepare(Path root) throws IOException {
        if (Files.exists(root)) {
            if (!Files.exists(root.resolve(MARKER))) {
                throw new IOException(root + " exists and was not made by 'lifeboat demo'; move it away first");
            }
            FileTrees.deleteIfExists(root);
        }
        Files.createDirectories(root);
        Files.writeString(root.resolve(MARKER), "made by lifeboat demo\n");
    }
}
