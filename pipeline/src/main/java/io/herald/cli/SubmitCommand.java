package io.herald.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.approval.ApprovalResult;
import io.herald.approval.SignedContent;
import io.herald.compliance.Decision;
import io.herald.compliance.Verdict;
import io.herald.config.HeraldConfig;
import io.herald.kafka.KafkaClients;
import io.herald.kafka.KafkaUnavailableException;
import io.herald.post.Post;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code herald submit}: checks posts as the pipeline will, then produces them to the input topic.
 * A post that Herald will REJECT (its approval does not verify) or BLOCK (patient identifiers) is
 * not sent unless {@code --force}; one that it will HOLD is sent with a warning.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Checks posts as the pipeline will, then produces them to herald.posts.approved (key = post id).",
            "A post that Herald would reject (its approval does not verify) or block (patient identifiers) is not sent,"
                    + " unless --force; one it would hold for a reviewer is sent with a warning.",
            "Every file is checked before any is sent: one bad file sends nothing."})
public final class SubmitCommand implements Callable<Integer> {

    /** How long one send may wait for the broker's acknowledgement. */
    static final long SEND_SECONDS = 10;

    @Mixin
    ConfigOptions options;

    @Option(names = "--force", description = "Send posts that Herald will REJECT or BLOCK anyway; they will not be published.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Post JSON files, or - for standard input.")
    List<String> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HeraldConfig config = options.config();
        PrintWriter err = spec.commandLine().getErr();
        Preflight preflight = new Preflight(config, note -> {
            err.println("herald: note: " + note);
            err.flush();
        });
        List<byte[]> bodies = new ArrayList<>();
        List<Post> posts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String file : files) {
            byte[] bytes = ClientSupport.read(file);
            Post post = preflight.parse(file, bytes);
            String refusal = refusal(preflight, file, post, bytes, warnings);
            if (refusal != null) {
                if (!force) {
                    throw new UserError(ClientSupport.name(file) + ": not sent: " + refusal + " (--force sends it anyway)");
                }
                warnings.add(ClientSupport.name(file) + ": sending anyway (--force): " + refusal);
            }
            posts.add(post);
            bodies.add(bytes);
        }
        warnings.forEach(w -> err.println("herald: warning: " + w));
        err.flush();
        String topic = config.kafka().topics().approved();
        String bootstrap = options.reachableBootstrap();
        try (Producer<byte[], byte[]> producer = producer(bootstrap, "herald-submit", options)) {
            for (int i = 0; i < posts.size(); i++) {
                Post p = posts.get(i);
                RecordMetadata md = send(producer, new ProducerRecord<>(topic, p.id().getBytes(StandardCharsets.UTF_8), bodies.get(i)),
                        bootstrap);
                spec.commandLine().getOut().printf("submitted %s revision %d to %s (partition %d, offset %d)%n",
                        p.id(), p.revision(), topic, md.partition(), md.offset());
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Why Herald will not publish this post (REJECTED or BLOCKED), or null; a HOLD is added to
     * {@code warnings}.
     */
    private static String refusal(Preflight preflight, String file, Post post, byte[] bytes, List<String> warnings) {
        boolean forSandbox = preflight.forSandbox(file, post);
        JsonNode raw;
        try {
            raw = SignedContent.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the post parsed once but not twice", e);
        }
        ApprovalResult approval = preflight.approval(forSandbox, raw);
        if (!approval.accepted()) {
            return "Herald will REJECT it (" + approval.reasonCode() + "): " + Preflight.advice(approval, file);
        }
        Set<String> acknowledged = Set.copyOf(approval.acknowledged());
        Verdict verdict = preflight.verdict(post, acknowledged);
        if (verdict.decision() == Decision.BLOCK) {
            return Preflight.gateClause(verdict) + "; no approval can release that: rewrite the post";
        }
        String unadaptable = preflight.adaptRefusal(post);
        if (unadaptable != null) {
            return unadaptable;
        }
        if (verdict.decision() == Decision.HOLD) {
            warnings.add(ClientSupport.name(file) + ": " + Preflight.gateClause(verdict) + "; it goes out once a new revision"
                    + " is signed with --acknowledge " + Preflight.ids(verdict.ruleIdsToAcknowledge()));
        }
        return null;
    }

    /** A producer; a bootstrap the client cannot use is a one-line error naming it. */
    static Producer<byte[], byte[]> producer(String bootstrap, String clientId, ConfigOptions options) {
        try {
            return KafkaClients.producer(bootstrap, clientId);
        } catch (KafkaUnavailableException e) {
            throw new UserError(e.getMessage() + "; " + options.advice(), e);
        }
    }

    /** Sends and waits for the broker's acknowledgement; an unreachable broker is a one-line error. */
    static RecordMetadata send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, String bootstrap) {
        try {
            return producer.send(record).get(SEND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        } catch (TimeoutException e) {
            throw new UserError("Kafka at " + bootstrap + " did not acknowledge the record on " + record.topic() + " within "
                    + SEND_SECONDS + " s; it may or may not have been written");
        } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new UserError("Kafka at " + bootstrap + " refused the record on " + record.topic() + ": " + m.replaceAll("\\s+", " "));
        }
    }
}
