package io.herald.sandbox.standin;

import io.herald.sandbox.mastodon.MastodonStandIn;
import java.util.List;
import java.util.function.Function;

/** The stand-ins the sandbox serves. */
public final class StandIns {

    private StandIns() {
    }

    /** Every built-in stand-in, as a constructor from the context. */
    public static List<Function<StandInContext, StandIn>> builtIn() {
        return List.of(MastodonStandIn::new);
    }
}
