package io.herald.sandbox.bluesky;

import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandInProvider;

/** Registers the Bluesky (AT Protocol PDS) stand-in. */
public final class BlueskyStandInProvider implements StandInProvider {

    @Override
    public String platform() {
        return BlueskyStandIn.PLATFORM;
    }

    @Override
    public StandIn create(StandInContext context) {
        return new BlueskyStandIn(context);
    }
}
