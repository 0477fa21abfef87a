package io.herald.sandbox.linkedin;

import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandInProvider;

/** Registers the LinkedIn stand-in. */
public final class LinkedInStandInProvider implements StandInProvider {

    @Override
    public String platform() {
        return LinkedInStandIn.PLATFORM;
    }

    @Override
    public StandIn create(StandInContext context) {
        return new LinkedInStandIn(context);
    }
}
