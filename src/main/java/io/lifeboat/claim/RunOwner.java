package io.lifeboat.claim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which run holds a claim: its id, host and process, and when it last said it was alive. A
 * successor recognises a dead holder at once on the same host (its process is gone), elsewhere once the
 * holder has not renewed for a lease.
 */
public record RunOwner(String run, String host, long pid, Instant processStarted, Instant renewedAt) {

    // The runs of this process that are still going: a claim this process left behind for a run that ended is gone.
    private static final Set<String> RUNNING_HERE = ConcurrentHashMap.newKeySet();

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** This process's run {@code run} starts: until {@link #ended()}, what it holds is not gone. */
    public static RunOwner started(String run, Instant now) {
        RUNNING_HERE.add(run);
        return thisProcess(run, now);
    }

    /** The run ended: anything it still holds (a claim it could not give back) is for others to take over. */
    public void ended() {
        RUNNING_HERE.remove(run);
    }

    /** This process, running {@code run}, now. */
    public static RunOwner thisProcess(String run, Instant now) {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(run, hostName(), self.pid(), startOf(self).orElse(Instant.EPOCH), now.truncatedTo(ChronoUnit.MILLIS));
    }

    public RunOwner renewed(Instant now) {
        return new RunOwner(run, host, pid, processStarted, now.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Whether {@code other} is this holder: the same run in the same process (renewals aside). */
    public boolean sameHolder(RunOwner other) {
        return run.equals(other.run) && host.equals(other.host) && pid == other.pid && processStarted.equals(other.processStarted);
    }

    /** Whether the holder can be taken to be gone: its process ended (same host), or it stopped renewing. */
    public boolean gone(Instant now, Duration lease) {
        if (host.equals(hostName())) {
            if (pid == ProcessHandle.current().pid()) {
                return !RUNNING_HERE.contains(run);
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isEmpty() || !process.get().isAlive()
                    || !startOf(process.get()).map(start -> start.truncatedTo(ChronoUnit.MILLIS).equals(processStarted)).orElse(true);
        }
        return renewedAt.plus(lease).isBefore(now);
    }

    /** For a refusal: "run 1b2c... (pid 4242 on host db-1, since 2026-...)". */
    public String describe() {
        return "run " + run + " (pid " + pid + " on host " + host + ", alive at " + renewedAt.truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The owner a claim names, or empty when its content is not one (a holder killed while writing it). */
    public static Optional<RunOwner> fromJson(byte[] json) {
        try {
            RunOwner owner = JSON.readValue(json, RunOwner.class);
            return owner.run() == null || owner.host() == null || owner.renewedAt() == null ? Optional.empty() : Optional.of(owner);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> startOf(ProcessHandle process) {
        return process.info().startInstant().map(start -> start.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
