package io.lifeboat.claim;

import java.io.IOException;

/**
 * The right to something one run at a time: a snapshot name in a store, a node to restore into, a node's
 * snapshot folder. Taken before anything is written under it; given up when the run ends.
 */
public interface Claim extends AutoCloseable {

    /** Fails unless this run still holds the claim (checked before the last step, such as writing a manifest). */
    void checkHeld() throws IOException;

    /** Gives the claim up. */
    @Override
    void close() throws IOException;

    /**
     * Stops holding the claim without giving it back, for when its store or disk cannot be reached: asking it
     * would only delay the report of why. The next run takes the claim over, its holder being gone.
     */
    void abandon();
}
