package io.herald.sandbox.facebook;

import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandInProvider;

/** Registers the Facebook stand-in. */
public final class FacebookStandInProvider implements StandInProvider {

    @Override
    public String platform() {
        return FacebookStandIn.PLATFORM;
    }

    @Override
    public StandIn create(StandInContext context) {
        return new FacebookStandIn(context);
    }
}
