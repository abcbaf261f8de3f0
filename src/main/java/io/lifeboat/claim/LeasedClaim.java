package io.lifeboat.claim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A claim kept as a small object written only if absent and renewed only if unchanged (in a store:
 * {@code If-None-Match: *}, {@code If-Match}; in a directory: a hard link, a rename). A holder whose process
 * is gone (same host) or that stopped renewing for a lease is taken over, conditionally, so that of two
 * successors only one wins. A holder that is this same run (a scheduled fire that a coordinator took over
 * from one that died carries its run id) is taken over at once: the run resumes. The object names its holder
 * for whoever is refused.
 */
public final class LeasedClaim implements Claim {

    public static final Duration LEASE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(LeasedClaim.class);

    private final ConditionalObjects objects;
    private final String key;
    private final Clock clock;
    private volatile RunOwner owner;
    private volatile String version;
    private volatile boolean lost;
    private final boolean resumed;
    private final ScheduledFuture<?> renewal;

    private LeasedClaim(ConditionalObjects objects, String key, RunOwner owner, String version, Clock clock, boolean resumed) {
        this.objects = objects;
        this.key = key;
        this.owner = owner;
        this.version = version;
        this.clock = clock;
        this.resumed = resumed;
        long every = LEASE.toMillis() / 3;
        this.renewal = Ticker.SHARED.scheduleWithFixedDelay(() -> Ticker.CHORES.execute(this::renew), every, every, TimeUnit.MILLISECONDS);
    }

    public static LeasedClaim acquire(ConditionalObjects objects, String key, RunOwner owner, Clock clock) throws IOException {
        Optional<String> created = objects.create(key, owner.toJson());
        if (created.isPresent()) {
            // A store whose create-only writes are not atomic (S3Mock, with two writers at the same instant) can let
            // both creates through; the one whose claim reads back holds it.
            Optional<ConditionalObjects.Versioned> written = objects.readVersioned(key);
            Optional<RunOwner> holder = written.flatMap(object -> RunOwner.fromJson(object.bytes()));
            if (holder.isEmpty() || !holder.get().sameHolder(owner)) {
                throw new ClaimTakenException(key, holder);
            }
            return new LeasedClaim(objects, key, owner, written.get().version(), clock, false);
        }
        Optional<ConditionalObjects.Versioned> current = objects.readVersioned(key);
        if (current.isEmpty()) {
            // Released between our write and our read: one more try, as any other run would.
            return new LeasedClaim(objects, key, owner, objects.create(key, owner.toJson())
                    .orElseThrow(() -> new ClaimTakenException(key, Optional.empty())), clock, false);
        }
        Optional<RunOwner> holder = RunOwner.fromJson(current.get().bytes());
        boolean sameRun = holder.isPresent() && holder.get().run().equals(owner.run());
        if (holder.isPresent() && !sameRun && !holder.get().gone(clock.instant(), LEASE)) {
            throw new ClaimTakenException(key, holder);
        }
        LOG.debug("taking over {} from {}, which is {}", key, holder.map(RunOwner::describe).orElse("an unreadable claim"),
                sameRun ? "this run on a coordinator that died" : "gone");
        Optional<String> taken = objects.replace(key, owner.toJson(), current.get().version());
        return new LeasedClaim(objects, key, owner, taken.orElseThrow(() -> new ClaimTakenException(key, Optional.empty())), clock,
                sameRun);
    }

    private synchronized void renew() {
        if (lost || renewal.isCancelled()) {
            return;
        }
        RunOwner renewed = owner.renewed(clock.instant());
        try {
            Optional<String> next = objects.replace(key, renewed.toJson(), version);
            if (next.isEmpty()) {
                lost = true;
                return;
            }
            owner = renewed;
            version = next.get();
        } catch (IOException e) {
            // A store that failed a moment is retried at the next renewal; the lease outlasts a few misses.
            LOG.debug("could not renew {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void checkHeld() throws IOException {
        Optional<ConditionalObjects.Versioned> current = objects.readVersioned(key);
        Optional<RunOwner> holder = current.flatMap(object -> RunOwner.fromJson(object.bytes()));
        if (lost || holder.isEmpty() || !holder.get().sameHolder(owner)) {
            throw new ClaimTakenException(key, holder);
        }
    }

    /** Whether the claim was taken over from this same run, left by a coordinator that died. */
    public boolean resumed() {
        return resumed;
    }

    @Override
    public void abandon() {
        renewal.cancel(false);
    }

    @Override
    public void close() throws IOException {
        renewal.cancel(false);
        if (!lost) {
            objects.deleteIf(key, version);
        }
    }

    /** Whether the claim at {@code key} is free: absent, unreadable, or held by a run that is gone. */
    public static boolean isFree(ConditionalObjects objects, String key, Clock clock) throws IOException {
        Optional<ConditionalObjects.Versioned> current = objects.readVersioned(key);
        return current.isEmpty() || RunOwner.fromJson(current.get().bytes()).map(holder -> holder.gone(clock.instant(), LEASE)).orElse(true);
    }
}
