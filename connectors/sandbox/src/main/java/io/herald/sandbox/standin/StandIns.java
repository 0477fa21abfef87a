package io.herald.sandbox.standin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/** The stand-ins the sandbox serves: every {@link StandInProvider} on the class path. */
public final class StandIns {

    private StandIns() {
    }

    /** Every registered stand-in, as a constructor from the context, in platform order. */
    public static List<Function<StandInContext, StandIn>> builtIn() {
        List<StandInProvider> providers = new ArrayList<>();
        ServiceLoader.load(StandInProvider.class).forEach(providers::add);
        providers.sort(Comparator.comparing(StandInProvider::platform));
        List<Function<StandInContext, StandIn>> out = new ArrayList<>();
        for (StandInProvider p : providers) {
            out.add(context -> {
                StandIn s = p.create(context);
                if (!s.platform().equals(p.platform())) {
                    throw new IllegalStateException("stand-in provider " + p.getClass().getName() + " names platform '"
                            + p.platform() + "' but its stand-in says '" + s.platform() + "'");
                }
                return s;
            });
        }
        return out;
    }

    /** The platforms of every registered stand-in. */
    public static List<String> platforms() {
        List<String> out = new ArrayList<>();
        ServiceLoader.load(StandInProvider.class).forEach(p -> out.add(p.platform()));
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
