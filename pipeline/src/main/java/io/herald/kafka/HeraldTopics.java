package io.herald.kafka;

import io.herald.config.HeraldConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Herald's topics when they are missing, with deliberate settings: nothing Herald keeps
 * for people or auditors expires, the audit topic has one partition (one total order for
 * auditors), and the replication factor follows the cluster size (3 where there are 3 brokers).
 */
public final class HeraldTopics {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldTopics.class);
    private static final String FOREVER = "-1";

    private HeraldTopics() {}

    public static void ensure(Admin admin, HeraldConfig.Kafka kafka) {
        try {
            int brokers = admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).size();
            short rf = (short) Math.min(3, brokers);
            String minIsr = String.valueOf(Math.max(1, rf - 1));
            HeraldConfig.Topics t = kafka.topics();
            int p = kafka.partitions();
            List<NewTopic> wanted = new ArrayList<>();
            // input: kept 30 days, long enough to re-drive after an outage
            wanted.add(topic(t.approved(), p, rf, minIsr, "2592000000"));
            wanted.add(topic(t.held(), p, rf, minIsr, FOREVER));
            wanted.add(topic(t.invalid(), p, rf, minIsr, FOREVER));
            wanted.add(topic(t.dead(), p, rf, minIsr, FOREVER));
            wanted.add(topic(t.audit(), 1, rf, minIsr, FOREVER));
            // people's commands (redrive, resolve, retract): kept a week, answered in the audit
            wanted.add(topic(t.control(), p, rf, minIsr, "604800000"));
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(n -> !existing.contains(n.name())).toList();
            if (existing.contains(t.audit())) {
                warnAboutAuditTopic(admin, t.audit());
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause.getMessage() != null ? cause.getMessage() : cause instanceof TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException ? "no answer in time" : cause.getClass().getSimpleName();
            throw new KafkaUnavailableException("cannot reach Kafka to create Herald's topics: " + why.replaceAll("\\s+", " "), e);
        }
    }

    private static NewTopic topic(String name, int partitions, short rf, String minIsr, String retentionMs) {
        return new NewTopic(name, partitions, rf).configs(Map.of(
                "retention.ms", retentionMs,
                "retention.bytes", FOREVER,
                "cleanup.policy", "delete",
                "min.insync.replicas", minIsr));
    }

    /** Says (a warning, once at start) when an audit topic made by someone else can lose events. */
    private static void warnAboutAuditTopic(Admin admin, String audit) {
        org.apache.kafka.common.config.ConfigResource r =
                new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, audit);
        try {
            org.apache.kafka.clients.admin.Config config = admin.describeConfigs(List.of(r)).all().get(15, TimeUnit.SECONDS).get(r);
            Map<String, String> values = new java.util.HashMap<>();
            for (String name : List.of("retention.ms", "retention.bytes", "cleanup.policy")) {
                org.apache.kafka.clients.admin.ConfigEntry e = config.get(name);
                if (e != null && e.value() != null) {
                    values.put(name, e.value());
                }
            }
            List<String> problems = auditTopicProblems(values);
            if (!problems.isEmpty()) {
                LOG.warn("the audit topic {} can lose events: {}; fix with kafka-configs --alter --entity-type topics"
                        + " --entity-name {} --add-config retention.ms=-1,retention.bytes=-1,cleanup.policy=delete"
                        + " (docs/OPERATIONS.md, Audit retention)", audit, String.join(", ", problems), audit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("cannot read the settings of the audit topic {} to check its retention: {}", audit,
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    /** What in an audit topic's settings lets Kafka delete events (empty when nothing does). */
    static List<String> auditTopicProblems(Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        String ms = settings.getOrDefault("retention.ms", FOREVER);
        if (!FOREVER.equals(ms.trim())) {
            problems.add("retention.ms=" + ms + " (deletes events older than that)");
        }
        String bytes = settings.getOrDefault("retention.bytes", FOREVER);
        if (!FOREVER.equals(bytes.trim())) {
            problems.add("retention.bytes=" + bytes + " (deletes the oldest events above that size)");
        }
        String policy = settings.getOrDefault("cleanup.policy", "delete");
        if (policy.contains("compact")) {
            problems.add("cleanup.policy=" + policy + " (compaction keeps one event per post id)");
        }
        return problems;
    }
}
