package io.lifeboat.app;

import io.lifeboat.backup.BackupRoutes;
import io.lifeboat.clusters.ClusterFile;
import io.lifeboat.kernel.AgentSettings;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.RunState;
import io.lifeboat.kernel.RunView;
import io.lifeboat.plan.NodeRequest;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.testing.TrickyCluster;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan routes as Lifeboat runs them, on a file cluster and a local store, with one step advised to fail or to wait. */
@CamelMainTest
class PlanRoutesTest {

    private static final LifeboatSettings SETTINGS = LifeboatSettings.DEFAULTS;

    @BeanInject
    CamelContext context;

    @BeanInject
    ProducerTemplate template;

    @TempDir
    Path scratch;

    @Configure
    void planRoutes(MainConfigurationProperties configuration) {
        PlanExecution.routes(SETTINGS, AgentSettings.DEFAULTS).forEach(configuration::addRoutesBuilder);
    }

    @Test
    void aBackupGathersEveryNodesEntryIntoTheManifest() throws Exception {
        PlanRequest backup = backup("serial", 3);

        PlanResult result = execution().execute(backup, progress(backup));

        assertEquals(3, result.nodes());
        String manifest = Files.readString(store().resolve("s1/manifest.json"));
        for (int node = 0; node < 3; node++) {
            assertTrue(manifest.contains("\"s1/node-" + node + ".tar.gz\""), manifest);
        }
    }

    @Test
    void aFailingNodeStopsTheNodesAfterItAndTheBackupLeavesNothingUnderTheName() throws Exception {
        adviseArchive(exchange -> {
            if (nodeOf(exchange) == 1) {
                throw new IOException("disk on fire");
            }
        });
        NotifyBuilder nodeRoutes = new NotifyBuilder(context).wereSentTo("direct:upload-node").whenExactlyDone(2).create();
        PlanRequest backup = backup("serial", 3);
        RunProgress progress = progress(backup);

        PlanFailedException failure = assertThrows(PlanFailedException.class, () -> execution().execute(backup, progress));

        assertEquals("node 1: disk on fire", failure.getMessage());
        assertTrue(nodeRoutes.matches(), "nodes 0 and 1 went through their route, node 2 never");
        assertEquals(List.of("0 COMPLETE", "1 ERROR", "2 PENDING"), steps(progress.view()));
        assertEquals(RunState.ERROR, progress.state());
        assertEquals(List.of(), filesUnder(store()), "nothing left in the store");
        assertEquals(List.of(), workFoldersLeft(3), "every node snapshot taken was removed");
    }

    @Test
    void aStopWhileANodeRunsEndsTheRunInterruptedAndStartsNoOtherNode() throws Exception {
        CountDownLatch archiving = new CountDownLatch(1);
        CountDownLatch stopAsked = new CountDownLatch(1);
        adviseArchive(exchange -> {
            archiving.countDown();
            assertTrue(stopAsked.await(30, TimeUnit.SECONDS));
        });
        PlanRequest backup = backup("serial", 3);
        RunProgress progress = progress(backup);

        CompletableFuture<PlanResult> run = CompletableFuture.supplyAsync(() -> execution().execute(backup, progress),
                Executors.newSingleThreadExecutor());
        assertTrue(archiving.await(30, TimeUnit.SECONDS));
        progress.requestStop();
        stopAsked.countDown();
        ExecutionException ended = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));

        assertEquals("node 0: the plan was stopped before it completed", ended.getCause().getMessage());
        assertEquals(RunState.INTERRUPTED, progress.state());
        assertEquals(List.of("0 INTERRUPTED", "1 PENDING", "2 PENDING"), steps(progress.view()));
        assertEquals(List.of(), filesUnder(store()), "nothing left in the store");
    }

    @Test
    void aNodeThatFailsToLoadUndoesTheLoadsDoneAndTheFailureSaysWhatBecameOfEachNode() throws Exception {
        PlanRequest backup = backup("serial", 3);
        execution().execute(backup, progress(backup));
        AdviceWith.adviceWith(context, "load-node", route -> route.weaveById("load").before().process(exchange -> {
            if (nodeOf(exchange) == 1) {
                throw new IOException("disk on fire");
            }
        }));
        Path target = TrickyCluster.empty(scratch.resolve("target"), 3);
        PlanRequest restore = PlanRequest.parse(Plan.RESTORE_LOCAL, ClusterFile.load(target), new PlanParameters(Map.of("SNAPSHOT_NAME", "s1",
                "BACKUP_DIR", store().toString()), Map.of()), SETTINGS);

        PlanFailedException failure = assertThrows(PlanFailedException.class, () -> execution().execute(restore, progress(restore)));

        assertEquals("node 1: disk on fire; nothing was restored: node 0 was loaded and has been taken out again,"
                + " node 2 was staged and not loaded", failure.getMessage());
        assertEquals(List.of(), filesUnder(scratch.resolve("target/nodes")), "no keyspace loaded, no staging left");
    }

    private void adviseArchive(Processor before) throws Exception {
        AdviceWith.adviceWith(context, "upload-node", route -> route.weaveById(BackupRoutes.ARCHIVE_NODE).before().process(before));
    }

    private PlanExecution execution() {
        return new PlanExecution(template, SETTINGS, Executors.newCachedThreadPool());
    }

    private PlanRequest backup(String strategy, int nodes) throws IOException {
        Path cluster = TrickyCluster.write(scratch.resolve("cluster"), nodes);
        PlanParameters parameters = new PlanParameters(Map.of("SNAPSHOT_NAME", "s1", "BACKUP_DIR", store().toString(),
                "BACKUP_RESTORE_STRATEGY", strategy), Map.of());
        return PlanRequest.parse(Plan.BACKUP_LOCAL, ClusterFile.load(cluster), parameters, SETTINGS);
    }

    private Path store() {
        return scratch.resolve("store");
    }

    private static RunProgress progress(PlanRequest request) {
        return new RunProgress(request.plan(), request.snapshot().value(), "test");
    }

    private static int nodeOf(Exchange exchange) {
        return exchange.getMessage().getBody(NodeRequest.class).node().index();
    }

    private static List<String> steps(RunView view) {
        return view.steps().stream().map(step -> step.node() + " " + step.state()).toList();
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private List<Path> workFoldersLeft(int nodes) throws IOException {
        List<Path> left = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            try (Stream<Path> entries = Files.list(scratch.resolve("cluster/nodes/node-" + node))) {
                entries.filter(entry -> entry.getFileName().toString().startsWith(".lifeboat")).forEach(left::add);
            }
        }
        return left;
    }
}
