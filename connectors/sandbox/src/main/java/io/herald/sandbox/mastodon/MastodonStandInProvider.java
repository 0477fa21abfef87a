package io.herald.sandbox.mastodon;

import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandInProvider;

/** Registers the Mastodon stand-in. */
public final class MastodonStandInProvider implements StandInProvider {

    @Override
    public String platform() {
        return MastodonStandIn.PLATFORM;
    }

    @Override
    public StandIn create(StandInContext context) {
        return new MastodonStandIn(context);
    }
}
