package io.herald.sandbox.instagram;

import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandInProvider;

/** Registers the Instagram stand-in. */
public final class InstagramStandInProvider implements StandInProvider {

    @Override
    public String platform() {
        return InstagramStandIn.PLATFORM;
    }

    @Override
    public StandIn create(StandInContext context) {
        return new InstagramStandIn(context);
    }
}
