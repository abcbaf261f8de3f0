package io.lifeboat.app;

import io.lifeboat.agent.AgentStepRoutes;
import io.lifeboat.agent.Agents;
import io.lifeboat.backup.BackupRoutes;
import io.lifeboat.cluster.ClusterAccess;
import io.lifeboat.clusters.ClusterAccesses;
import io.lifeboat.crypto.KeyEncryptionKey;
import io.lifeboat.kernel.AgentSettings;
import io.lifeboat.kernel.LifeboatSettings;
import io.lifeboat.kernel.Operation;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.kernel.PlanResult;
import io.lifeboat.kernel.RunProgress;
import io.lifeboat.plan.NodeFanOutRoutes;
import io.lifeboat.plan.NodeStep;
import io.lifeboat.plan.PlanErrorHandling;
import io.lifeboat.plan.PlanRequest;
import io.lifeboat.plan.PlanRun;
import io.lifeboat.plan.PlanRunner;
import io.lifeboat.plan.PlanRuns;
import io.lifeboat.restore.RestoreRoutes;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.Stores;
import io.lifeboat.store.Transfers;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Runs a plan through its route: opens the store and the cluster the request names, sends the run to the
 * plan's endpoint, and ends the run's progress as complete or with its failure in one line.
 */
final class PlanExecution implements PlanRunner, PlanRuns {

    private final ProducerTemplate template;
    private final LifeboatSettings settings;
    private final ExecutorService transferPool;

    /** @param transferPool threads that send parts and read ahead downloads: I/O-bound, bounded by the parts in flight */
    PlanExecution(ProducerTemplate template, LifeboatSettings settings, ExecutorService transferPool) {
        this.template = template;
        this.settings = settings;
        this.transferPool = transferPool;
    }

    /** Every step a plan runs on one node, here or on the node's agent. */
    static final List<NodeStep> NODE_STEPS = Stream.concat(BackupRoutes.NODE_STEPS.stream(), RestoreRoutes.NODE_STEPS.stream()).toList();

    /** The routes every plan runs on, the steps of nodes with an agent sent there. */
    static List<RoutesBuilder> routes(LifeboatSettings settings, AgentSettings agents) {
        return List.of(new PlanErrorHandling(), new NodeFanOutRoutes(settings.parallelism()), new BackupRoutes(settings), new RestoreRoutes(settings),
                new AgentStepRoutes(new Agents(agents), NODE_STEPS));
    }

    @Override
    public PlanResult execute(PlanRequest request, RunProgress progress) {
        progress.started();
        try (PlanRun run = open(request, progress)) {
            Exchange done = template.send(endpoint(request.plan().operation()), exchange -> {
                exchange.setProperty(PlanRun.PROPERTY, run);
                exchange.getMessage().setBody(request);
            });
            if (done.getException() != null) {
                // A key file the run found wanting (an encrypted snapshot, none given) is bad usage, found before anything was written.
                Optional<ParameterException> missing = missingParameter(done.getException());
                if (missing.isPresent()) {
                    throw missing.get();
                }
                throw PlanFailedException.of(null, done.getException());
            }
            progress.completed();
            return done.getMessage().getBody(PlanResult.class);
        } catch (RuntimeException e) {
            progress.failed(e.getMessage());
            throw e;
        }
    }

    @Override
    public PlanRun open(PlanRequest request, RunProgress progress) {
        Transfers transfers = new Transfers(settings.partSizeBytes(), settings.partsInFlight(), transferPool, settings.deadlines());
        Optional<KeyEncryptionKey> kek = KeyEncryptionKey.configured(request.keyFile(), settings.encryptionKeyFile());
        SnapshotStore store = Stores.open(request.store(), transfers, template.getCamelContext(), kek);
        try {
            ClusterAccess cluster = ClusterAccesses.open(request.cluster(), request.credentials(), settings);
            return new PlanRun(request, store, cluster, progress);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static Optional<ParameterException> missingParameter(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ParameterException missing) {
                return Optional.of(missing);
            }
        }
        return Optional.empty();
    }

    private static String endpoint(Operation operation) {
        return switch (operation) {
            case BACKUP -> BackupRoutes.ENDPOINT;
            case RESTORE -> RestoreRoutes.ENDPOINT;
        };
    }
}
