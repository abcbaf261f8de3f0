package io.lifeboat.claim;

import java.io.IOException;
import java.util.Optional;

/** A claim held by another run that is still alive. */
public final class ClaimTakenException extends IOException {

    private final Optional<RunOwner> holder;

    public ClaimTakenException(String key, Optional<RunOwner> holder) {
        super(key + " is held by " + holder.map(RunOwner::describe).orElse("another run"));
        this.holder = holder;
    }

    public Optional<RunOwner> holder() {
        return holder;
    }
}
