package io.herald.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The application configuration ({@code config/herald.yaml}). Every key has a default, so an empty
 * file is valid. Paths inside it are relative to the directory of the file. Secrets are never
 * literal here: keys ending in {@code Env} or {@code File} name where a secret is read from.
 */
public record HeraldConfig(
        Kafka kafka, Store store, String dataDir, String accounts, Sandbox sandbox, Approval approval,
        Compliance compliance, Dispatch dispatch, Audit audit, @JsonIgnore Path file, Metrics metrics) {

    /** Without audit or metrics settings: their defaults apply. */
    public HeraldConfig(Kafka kafka, Store store, String dataDir, String accounts, Sandbox sandbox, Approval approval,
            Compliance compliance, Dispatch dispatch, Path file) {
        this(kafka, store, dataDir, accounts, sandbox, approval, compliance, dispatch, null, file, null);
    }

    /** Without metrics settings (not served). */
    public HeraldConfig(Kafka kafka, Store store, String dataDir, String accounts, Sandbox sandbox, Approval approval,
            Compliance compliance, Dispatch dispatch, Audit audit, Path file) {
        this(kafka, store, dataDir, accounts, sandbox, approval, compliance, dispatch, audit, file, null);
    }

    public HeraldConfig {
        kafka = kafka == null ? new Kafka(null, null, null, null, null, null) : kafka;
        store = store == null ? new Store(null, null, null, null) : store;
        dataDir = blankTo(dataDir, "./data");
        accounts = blankTo(accounts, "accounts.yaml");
        sandbox = sandbox == null ? new Sandbox(null, null, null) : sandbox;
        approval = approval == null ? new Approval(null, null, null) : approval;
        compliance = compliance == null ? new Compliance(null) : compliance;
        dispatch = dispatch == null ? new Dispatch(null, null, null, null, null, null) : dispatch;
        audit = audit == null ? new Audit(null, null, null, null, null, null) : audit;
        metrics = metrics == null ? new Metrics(null, null) : metrics;
    }

    public HeraldConfig withMetrics(Metrics m) {
        return new HeraldConfig(kafka, store, dataDir, accounts, sandbox, approval, compliance, dispatch, audit, file, m);
    }

    public HeraldConfig withAudit(Audit a) {
        return new HeraldConfig(kafka, store, dataDir, accounts, sandbox, approval, compliance, dispatch, a, file, metrics);
    }

    public HeraldConfig withFile(Path file) {
        return new HeraldConfig(kafka, store, dataDir, accounts, sandbox, approval, compliance, dispatch, audit, file, metrics);
    }

    public HeraldConfig withKafka(Kafka k) {
        return new HeraldConfig(k, store, dataDir, accounts, sandbox, approval, compliance, dispatch, audit, file, metrics);
    }

    public HeraldConfig withDataDir(String dir) {
        return new HeraldConfig(kafka, store, dir, accounts, sandbox, approval, compliance, dispatch, audit, file, metrics);
    }

    public HeraldConfig withStore(Store s) {
        return new HeraldConfig(kafka, s, dataDir, accounts, sandbox, approval, compliance, dispatch, audit, file, metrics);
    }

    public HeraldConfig withDispatch(Dispatch d) {
        return new HeraldConfig(kafka, store, dataDir, accounts, sandbox, approval, compliance, d, audit, file, metrics);
    }

    public HeraldConfig withSandbox(Sandbox s) {
        return new HeraldConfig(kafka, store, dataDir, accounts, s, approval, compliance, dispatch, audit, file, metrics);
    }

    public HeraldConfig withApproval(Approval a) {
        return new HeraldConfig(kafka, store, dataDir, accounts, sandbox, a, compliance, dispatch, audit, file, metrics);
    }

    /** Resolves a path from this file against the file's directory (or the working directory). */
    public Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || file == null || file.getParent() == null) {
            return p;
        }
        return file.getParent().resolve(p);
    }

    /** The data directory; relative to the working directory, as a user would expect. */
    public Path dataPath() {
        return Path.of(dataDir);
    }

    static String blankTo(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Kafka: {@code bootstrap} empty means "start the embedded broker on embeddedPort". */
    public record Kafka(
            String bootstrap, Integer embeddedPort, Integer partitions, Topics topics, String consumerGroup,
            Integer maxPollRecords) {
        public Kafka {
            bootstrap = bootstrap == null ? "" : bootstrap.trim();
            embeddedPort = embeddedPort == null ? 9092 : embeddedPort;
            partitions = partitions == null ? 6 : partitions;
            topics = topics == null ? new Topics(null, null, null, null, null, null) : topics;
            consumerGroup = blankTo(consumerGroup, "herald");
            maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
        }

        public boolean embedded() {
            return bootstrap.isEmpty();
        }

        public Kafka withBootstrap(String b) {
            return new Kafka(b, embeddedPort, partitions, topics, consumerGroup, maxPollRecords);
        }

        public Kafka withEmbeddedPort(int port) {
            return new Kafka(bootstrap, port, partitions, topics, consumerGroup, maxPollRecords);
        }

        public Kafka withConsumerGroup(String group) {
            return new Kafka(bootstrap, embeddedPort, partitions, topics, group, maxPollRecords);
        }
    }

    /** Topic names (DESIGN.md section 2). */
    public record Topics(String approved, String held, String invalid, String dead, String audit, String control) {
        public Topics {
            approved = blankTo(approved, "herald.posts.approved");
            held = blankTo(held, "herald.posts.held");
            invalid = blankTo(invalid, "herald.posts.invalid");
            dead = blankTo(dead, "herald.deliveries.dead");
            audit = blankTo(audit, "herald.audit");
            control = blankTo(control, "herald.control");
        }

        /** The topics, with the control topic's default name. */
        public Topics(String approved, String held, String invalid, String dead, String audit) {
            this(approved, held, invalid, dead, audit, null);
        }
    }

    /**
     * The delivery store. {@code url} empty means an H2 file database under the data dir; a
     * {@code jdbc:postgresql:} URL for several instances. The password comes from the environment
     * variable named by {@code passwordEnv}.
     */
    public record Store(String url, String username, String passwordEnv, Integer poolSize) {
        public Store {
            url = url == null ? "" : url.trim();
            username = username == null ? "" : username;
            passwordEnv = passwordEnv == null ? "" : passwordEnv;
            poolSize = poolSize == null ? 8 : poolSize;
        }
    }

    /** The local stand-ins: their port and the sandbox accounts file. */
    public record Sandbox(Integer port, String accounts, String approvers) {
        public Sandbox {
            port = port == null ? 8089 : port;
            accounts = blankTo(accounts, "sandbox/accounts.yaml");
            approvers = blankTo(approvers, "sandbox/approvers");
        }
    }

    /** Signed approvals: required unless switched off explicitly; approver public keys in a folder. */
    public record Approval(Boolean required, String approvers, Duration maxAge) {
        public Approval {
            required = required == null ? Boolean.TRUE : required;
            approvers = blankTo(approvers, "approvers");
        }
    }

    /** The compliance policy file. */
    public record Compliance(String policy) {
        public Compliance {
            policy = blankTo(policy, "compliance.yaml");
        }
    }

    /**
     * Dispatch: how often due deliveries are looked for, retries, parallelism, and the most posts
     * one account may send per minute (networks limit far below what Herald can send).
     */
    public record Dispatch(Duration pollInterval, Integer maxAttempts, Duration initialBackoff, Integer threads,
            Integer postsPerMinutePerAccount, Duration readBackGrace) {
        /** Without a read-back override: each network's own grace applies. */
        public Dispatch(Duration pollInterval, Integer maxAttempts, Duration initialBackoff, Integer threads,
                Integer postsPerMinutePerAccount) {
            this(pollInterval, maxAttempts, initialBackoff, threads, postsPerMinutePerAccount, null);
        }

        public Dispatch {
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
            threads = threads == null ? 4 : threads;
            postsPerMinutePerAccount = postsPerMinutePerAccount == null ? 30 : postsPerMinutePerAccount;
        }
    }

    /**
     * The audit log's tamper evidence: each instance signs a checkpoint (its chain's head) every
     * {@code checkpointEvents} events or {@code checkpointInterval}, and at shutdown.
     *
     * @param instances the folder of trusted instance public keys ({@code NAME.pub}); verify accepts only
     *     chains signed by one of them
     * @param signingKeyFile the instance's Ed25519 private key (PEM); with neither this nor
     *     {@code signingKeyEnv}, Herald makes one in the data dir and puts its public key in {@code instances}
     * @param signingKeyEnv an environment variable holding the private key's PEM text
     * @param checkpointEvents at most this many events between two checkpoints
     * @param checkpointInterval at most this long between two checkpoints, even when idle
     * @param witnessFile optional: every checkpoint is also appended to this file, a second record
     */
    public record Audit(String instances, String signingKeyFile, String signingKeyEnv, Integer checkpointEvents,
            Duration checkpointInterval, String witnessFile) {
        public Audit {
            instances = blankTo(instances, "instances");
            signingKeyFile = signingKeyFile == null ? "" : signingKeyFile.trim();
            signingKeyEnv = signingKeyEnv == null ? "" : signingKeyEnv.trim();
            checkpointEvents = checkpointEvents == null ? 1000 : checkpointEvents;
            checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(60) : checkpointInterval;
            witnessFile = witnessFile == null ? "" : witnessFile.trim();
        }
    }

    /**
     * The Prometheus scrape endpoint ({@code GET /metrics}, docs/OPERATIONS.md): served on
     * {@code host:port} when {@code port} is set (0: any free port), not at all otherwise.
     */
    public record Metrics(String host, Integer port) {
        public Metrics {
            host = blankTo(host, "127.0.0.1");
        }

        public boolean enabled() {
            return port != null;
        }
    }
}
