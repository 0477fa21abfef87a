package io.herald.schedule;

import io.herald.store.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/**
 * Time-driven housekeeping on Quartz (camel-quartz endpoints on the {@link Timekeeper}'s scheduler):
 * stateful jobs, so one instance at a time runs each, and in a cluster each fires on one instance.
 * Misfire policies are explicit: a sweep missed while Herald was down is not repeated for every
 * missed tick (cron: do nothing, the next tick comes soon); retention missed runs once at start.
 * <ul>
 *   <li>{@code housekeeping-leases}: claims whose lease ran out (their holder died) are taken over
 *       and their unclear attempts recovered (read back before anything is repeated);</li>
 *   <li>{@code housekeeping-retention}: store retention ({@link DeliveryStore#purge}).</li>
 * </ul>
 */
public final class HousekeepingRoutes extends RouteBuilder {

    /** Quartz's cron misfire instructions (CronTrigger constants), named. */
    static final int CRON_MISFIRE_FIRE_ONCE_NOW = 1;
    static final int CRON_MISFIRE_DO_NOTHING = 2;

    private final Runnable leaseSweep;
    private final DeliveryStore store;
    private final Clock clock;
    private final Duration retention;
    private final String leaseCron;

    /**
     * @param leaseSweep the dispatcher's sweep of expired leases
     * @param retention how long processed input records and finished deliveries' steps are kept
     * @param leaseCron when the lease sweep runs, a Quartz cron expression ({@code 0/5 * * * * ?})
     */
    public HousekeepingRoutes(Runnable leaseSweep, DeliveryStore store, Clock clock, Duration retention, String leaseCron) {
        this.leaseSweep = leaseSweep;
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.leaseCron = leaseCron;
    }

    @Override
    public void configure() {
        from("quartz://herald-housekeeping/leases?stateful=true&cron=" + leaseCron.replace(' ', '+')
                + "&trigger.misfireInstruction=" + CRON_MISFIRE_DO_NOTHING)
                .routeId("housekeeping-leases")
                .process(e -> leaseSweep.run());
        from("quartz://herald-housekeeping/retention?stateful=true&cron=0+17+3+*+*+?&trigger.misfireInstruction="
                + CRON_MISFIRE_FIRE_ONCE_NOW)
                .routeId("housekeeping-retention")
                .process(e -> {
                    int n = store.purge(clock.instant().minus(retention), clock.instant());
                    log.info("retention: {} rows past {} removed", n, retention);
                });
    }
}
