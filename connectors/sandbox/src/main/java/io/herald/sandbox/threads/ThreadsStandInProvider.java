package io.herald.sandbox.threads;

import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandInProvider;

/** Registers the Threads stand-in. */
public final class ThreadsStandInProvider implements StandInProvider {

    @Override
    public String platform() {
        return ThreadsStandIn.PLATFORM;
    }

    @Override
    public StandIn create(StandInContext context) {
        return new ThreadsStandIn(context);
    }
}
