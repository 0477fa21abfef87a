package io.herald.schedule;

import io.herald.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's clock: a Quartz scheduler whose JDBC job store is the delivery store's own database (its
 * tables come from the Flyway migration {@code V6__quartz_job_store.sql}), clustered on PostgreSQL so
 * that every trigger fires on one instance only and an instance that dies leaves its triggers to the
 * others. Camel starts it with its context (camel-quartz's component is given this scheduler, and
 * the housekeeping routes run on it); {@link #close()} shuts it down after the routes stopped.
 *
 * <p>Quartz holds wake-up times, never what is due: the delivery store stays the one record of
 * that. {@link #releaseAt} puts a one-shot <em>release trigger</em> at the store's next due time;
 * when it fires (on whichever instance), that instance's dispatcher looks at the store at once.
 * Release triggers are named by their time, so two instances asking for the same time make one
 * trigger, and none is ever moved (so none is lost to a race). A release trigger whose time passed
 * while every instance was down fires at once at the next start (misfire policy: fire now).
 */
public final class Timekeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Timekeeper.class);
    /** The scheduler's name in Quartz's tables: the same on every instance of one cluster. */
    public static final String SCHEDULER_NAME = "herald";
    static final JobKey RELEASE_JOB = new JobKey("release", "herald");
    static final String RELEASE_GROUP = "herald-release";
    /** Where the release job finds what to wake on the instance that fires it. */
    static final String WAKE = "herald.release.wake";
    private static final AtomicInteger PROVIDERS = new AtomicInteger();

    private final Scheduler scheduler;
    private final boolean clustered;
    private final String instance;
    /** The earliest release trigger this instance knows is pending (not yet fired), to skip asking Quartz again. */
    private final AtomicReference<Instant> pending = new AtomicReference<>();

    private Timekeeper(Scheduler scheduler, boolean clustered, String instance) {
        this.scheduler = scheduler;
        this.clustered = clustered;
        this.instance = instance;
    }

    /** How Quartz runs: defaults suit one instance and a small cluster. */
    public record Settings(int threads, Duration clusterCheckin, Duration idleWait, Duration misfireThreshold) {
        public static Settings defaults() {
            return new Settings(4, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
        }
    }

    /**
     * Builds the scheduler on the store's database (not started: Camel starts it, or {@link #start}).
     *
     * @param instance this instance's id, Quartz's instance id in the cluster
     */
    public static Timekeeper create(Database db, String instance, Settings settings) {
        String source = "herald-store-" + PROVIDERS.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(source, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return db.connection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to the delivery store
            }

            @Override
            public void initialize() {
            }
        });
        boolean clustered = db.isPostgres();
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instance);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_IDLE_WAIT_TIME, String.valueOf(settings.idleWait().toMillis()));
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(settings.threads()));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "herald-quartz");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        // reads BYTEA (PostgreSQL) and VARBINARY (H2) the same way: as bytes
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", source);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(settings.clusterCheckin().toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(settings.misfireThreshold().toMillis()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        try {
            Scheduler s = new StdSchedulerFactory(p).getScheduler();
            // Quartz keeps schedulers in a JVM-wide registry by name; every Herald in one JVM (tests) has its own
            SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
            Timekeeper t = new Timekeeper(s, clustered, instance);
            t.defineReleaseJob();
            LOG.info("quartz: job store in the delivery store's database{}", clustered ? ", clustered" : "");
            return t;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot prepare Quartz on the delivery store: " + e.getMessage(), e);
        }
    }

    private void defineReleaseJob() throws SchedulerException {
        JobDetail job = JobBuilder.newJob(ReleaseJob.class).withIdentity(RELEASE_JOB).storeDurably()
                .withDescription("wakes the dispatcher of the instance it fires on: deliveries are due").build();
        try {
            scheduler.addJob(job, false);
        } catch (ObjectAlreadyExistsException e) {
            // defined by another instance, or by an earlier run
        }
    }

    /** What the release trigger wakes on this instance (the dispatcher's next look at the store). */
    public void onRelease(Runnable wake) {
        try {
            scheduler.getContext().put(WAKE, wake);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot reach the Quartz context: " + e.getMessage(), e);
        }
    }

    /**
     * Makes sure a release trigger fires at {@code at} (or at once, when it is past). Cheap when a
     * trigger at or before that time is already known to be pending.
     */
    public void releaseAt(Instant at) {
        Instant known = pending.get();
        if (known != null && !known.isAfter(at) && known.isAfter(Instant.now())) {
            return; // a trigger fires before then (a past one has fired, perhaps on another instance)
        }
        TriggerKey key = new TriggerKey("release@" + at.toEpochMilli(), RELEASE_GROUP);
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(RELEASE_JOB).startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
        try {
            scheduler.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException e) {
            // another instance asked for the same time: one trigger
        } catch (SchedulerException e) {
            LOG.warn("quartz: cannot set the release trigger at {}: {}; the dispatcher's own sweep stands in", at, e.getMessage());
            return;
        }
        pending.accumulateAndGet(at, (a, b) -> a == null || !a.isAfter(Instant.now()) || b.isBefore(a) ? b : a);
    }

    /** The scheduler, for camel-quartz's component and for tests. */
    public Scheduler scheduler() {
        return scheduler;
    }

    public boolean clustered() {
        return clustered;
    }

    public String instance() {
        return instance;
    }

    /** Starts the scheduler (Camel does when its context starts; tests without Camel call this). */
    public void start() {
        try {
            if (!scheduler.isStarted()) {
                scheduler.start();
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start Quartz: " + e.getMessage(), e);
        }
    }

    /** Shuts the scheduler down, waiting for jobs under way; its triggers stay in the store for the next start or another instance. */
    @Override
    public void close() {
        try {
            if (!scheduler.isShutdown()) {
                scheduler.shutdown(true);
            }
        } catch (SchedulerException e) {
            LOG.warn("quartz: while shutting down: {}", e.getMessage());
        }
    }

    /** Runs on whichever instance a release trigger fires: wakes that instance's dispatcher. */
    public static final class ReleaseJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            try {
                Object wake = context.getScheduler().getContext().get(WAKE);
                if (wake instanceof Runnable r) {
                    r.run();
                }
            } catch (SchedulerException e) {
                LOG.warn("quartz: release fired but the scheduler context is gone: {}", e.getMessage());
            }
        }
    }
}
