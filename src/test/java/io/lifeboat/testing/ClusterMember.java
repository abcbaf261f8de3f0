package io.lifeboat.testing;

import java.time.Duration;

/** One node of a {@link TestCassandraCluster}: its process, its JMX, and whether the cluster means it to run. */
final class ClusterMember {

    private final int index;
    private final CassandraProcess process;
    private final NodeJmx jmx;
    private volatile boolean meantToRun;

    ClusterMember(int index, CassandraProcess process) {
        this.index = index;
        this.process = process;
        this.jmx = new NodeJmx(TestProcesses.LOOPBACK, process.settings().jmxPort());
    }

    int index() {
        return index;
    }

    String host() {
        return process.settings().host();
    }

    CassandraProcess process() {
        return process;
    }

    NodeJmx jmx() {
        return jmx;
    }

    /** Started and neither stopped nor killed since: a node that should be up. */
    boolean meantToRun() {
        return meantToRun;
    }

    /** Launches the node; {@link #awaitCql} waits for it. */
    void start() {
        meantToRun = true;
        process.start();
    }

    void awaitCql(Duration timeout) {
        process.awaitCql(timeout);
    }

    /** SIGTERM, then force. */
    void stop() {
        meantToRun = false;
        jmx.close();
        process.stop();
    }

    /** SIGKILL; returns once the process is gone. */
    void kill() {
        meantToRun = false;
        jmx.close();
        process.kill();
    }

    /** A failure of this node, with the last lines of its logs. */
    IllegalStateException failure(String message) {
        return process.failure("node " + index + " (" + host() + "): " + message);
    }
}
