package io.herald.sandbox.internal;

import io.herald.sandbox.SandboxFault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The faults waiting to be served, in the order they were injected. Held in memory only: a restart
 * of the sandbox clears them.
 */
public final class FaultInjector {

    private final List<Pending> pending = new ArrayList<>();

    /** Queues a fault behind those already waiting for the same platform. */
    public synchronized void inject(SandboxFault fault) {
        pending.add(new Pending(fault, fault.times()));
    }

    /** Takes one use of the first fault waiting for {@code platform}, if any. */
    public synchronized Optional<SandboxFault> next(String platform) {
        return next(platform, null);
    }

    /**
     * Takes one use of the first fault waiting for a call of {@code platform} to {@code path} (below
     * the platform's prefix; null matches only faults for every path), if any.
     */
    public synchronized Optional<SandboxFault> next(String platform, String path) {
        Iterator<Pending> it = pending.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.fault.platform().equals(platform) && (path == null ? p.fault.path() == null : p.fault.appliesTo(path))) {
                p.remaining--;
                if (p.remaining <= 0) {
                    it.remove();
                }
                return Optional.of(p.fault);
            }
        }
        return Optional.empty();
    }

    /** The faults still waiting, each with the number of calls it still applies to. */
    public synchronized List<SandboxFault> pending() {
        return pending.stream().map(p -> p.fault.times(p.remaining)).toList();
    }

    /** Drops every waiting fault. */
    public synchronized void clear() {
        pending.clear();
    }

    private static final class Pending {
        private final SandboxFault fault;
        private int remaining;

        private Pending(SandboxFault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
