package io.lifeboat.plan;

import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.ClusterType;
import io.lifeboat.cluster.FileNode;
import io.lifeboat.cluster.Node;
import io.lifeboat.kernel.BackupMode;
import io.lifeboat.kernel.KeyspaceFilter;
import io.lifeboat.kernel.Plan;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.PlanInterruptedException;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.kernel.SnapshotName;
import io.lifeboat.kernel.Strategy;
import org.apache.camel.BeanInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fan-out as the plan routes use it, with a per-node route whose nodes wait, fail or count as told. */
@CamelMainTest
class NodeFanOutRoutesTest {

    private static final int PARALLELISM = 2;

    private final Set<Integer> started = ConcurrentHashMap.newKeySet();
    private final Set<Integer> ended = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final List<Integer> failing = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch arrived = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile CountDownLatch failWhen = new CountDownLatch(0);

    record Request(Node node) implements NodeRequest {
    }

    @BeanInject
    ProducerTemplate template;

    @Configure
    void fanOutAndATestNode(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new PlanErrorHandling());
        configuration.addRoutesBuilder(new NodeFanOutRoutes(PARALLELISM));
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:test-node")
                        .doTry()
                            .process(exchange -> {
                                int node = exchange.getMessage().getBody(Request.class).node().index();
                                work(node);
                                exchange.getMessage().setBody("done " + node);
                            })
                        .doCatch(Exception.class)
                            .process(new NodeFailed())
                        .end();
            }
        });
    }

    private void work(int index) throws InterruptedException {
        started.add(index);
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            if (failing.contains(index)) {
                assertTrue(failWhen.await(30, TimeUnit.SECONDS));
                throw new IllegalStateException("disk on fire");
            }
            arrived.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS), "node " + index + " was never released");
        } finally {
            running.decrementAndGet();
            ended.add(index);
        }
    }

    private PlanRun run(Strategy strategy, int nodes) {
        List<Node> cluster = new ArrayList<>();
        for (int index = 0; index < nodes; index++) {
            cluster.add(new FileNode(index, Path.of("/nowhere/node-" + index)));
        }
        PlanRequest request = new PlanRequest(Plan.BACKUP_LOCAL, new Cluster("test", ClusterType.FILES, cluster), new SnapshotName("s1"),
                KeyspaceFilter.parse(null), strategy, null, null, null, 0, BackupMode.FULL, Optional.empty());
        return new PlanRun(request, null, null, new RunProgress(Plan.BACKUP_LOCAL, "s1", "test"));
    }

    private CompletableFuture<Exchange> fanOut(PlanRun run) {
        List<Request> requests = run.request().cluster().nodes().stream().map(Request::new).toList();
        return template.asyncSend(NodeFanOutRoutes.ENDPOINT, exchange -> {
            exchange.setProperty(PlanRun.PROPERTY, run);
            exchange.setProperty(NodeFanOutRoutes.NODE_STEP, "test-node");
            exchange.getMessage().setBody(requests);
        });
    }

    @Test
    void serialRunsOneNodeAtATimeAndGathersResultsInOrder() throws Exception {
        Exchange done = fanOut(run(Strategy.SERIAL, 4)).get(30, TimeUnit.SECONDS);

        assertNull(done.getException());
        assertEquals(List.of("done 0", "done 1", "done 2", "done 3"), done.getMessage().getBody(List.class));
        assertEquals(1, mostRunning.get());
    }

    @Test
    void parallelRunsAsManyNodesAsTheParallelismAtOnceAndNoMore() throws Exception {
        // Each node holds until PARALLELISM nodes have arrived: the run ends only if that many really run together.
        arrived = new CountDownLatch(PARALLELISM);
        release = arrived;

        Exchange done = fanOut(run(Strategy.PARALLEL, 6)).get(30, TimeUnit.SECONDS);

        assertNull(done.getException());
        assertEquals(List.of("done 0", "done 1", "done 2", "done 3", "done 4", "done 5"), done.getMessage().getBody(List.class));
        assertEquals(PARALLELISM, mostRunning.get());
    }

    @Test
    void aFailingNodeStopsTheNodesNotYetStarted() throws Exception {
        failing.add(1);

        Exchange done = fanOut(run(Strategy.SERIAL, 4)).get(30, TimeUnit.SECONDS);

        assertEquals("node 1: disk on fire", PlanFailedException.of(null, done.getException()).getMessage());
        assertEquals(Set.of(0, 1), started);
    }

    @Test
    void aFailingNodeInParallelStopsQueuedNodesAndTheFanOutWaitsForTheRunningOne() throws Exception {
        failing.add(0);
        failWhen = arrived;
        release = new CountDownLatch(1);
        PlanRun run = run(Strategy.PARALLEL, 6);

        CompletableFuture<Exchange> fanOut = fanOut(run);
        assertTrue(arrived.await(30, TimeUnit.SECONDS));
        // Node 0 has failed or is about to, node 1 is running: the plan's cleanup must not start under node 1.
        assertThrows(TimeoutException.class, () -> fanOut.get(1, TimeUnit.SECONDS));
        assertFalse(ended.contains(1));
        release.countDown();
        Exchange done = fanOut.get(30, TimeUnit.SECONDS);

        assertEquals("node 0: disk on fire", PlanFailedException.of(null, done.getException()).getMessage());
        assertEquals(Set.of(0, 1), started);
        assertEquals(Set.of(0, 1), ended);
        assertEquals(List.of("0 ERROR node 0: disk on fire"), run.progress().view().steps().stream()
                .map(step -> step.node() + " " + step.state() + " " + step.error()).toList());
    }

    @Test
    void aStopLetsTheRunningNodeEndAndStartsNoOther() throws Exception {
        release = new CountDownLatch(1);
        PlanRun run = run(Strategy.SERIAL, 3);

        CompletableFuture<Exchange> fanOut = fanOut(run);
        assertTrue(arrived.await(30, TimeUnit.SECONDS));
        run.progress().requestStop();
        release.countDown();
        Exchange done = fanOut.get(30, TimeUnit.SECONDS);

        assertInstanceOf(PlanInterruptedException.class, done.getException());
        assertEquals(Set.of(0), started);
    }
}
