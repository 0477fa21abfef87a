package io.herald.sandbox.x;

import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandInProvider;

/** Registers the X stand-in. */
public final class XStandInProvider implements StandInProvider {

    @Override
    public String platform() {
        return XStandIn.PLATFORM;
    }

    @Override
    public StandIn create(StandInContext context) {
        return new XStandIn(context);
    }
}
