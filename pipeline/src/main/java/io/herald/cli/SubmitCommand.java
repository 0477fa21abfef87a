package io.herald.cli;

import io.herald.config.HeraldConfig;
import io.herald.kafka.KafkaClients;
import io.herald.post.Post;
import io.herald.post.PostParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code herald submit}: validates posts locally, then produces them to the input topic. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Validates posts, then produces them to herald.posts.approved (key = post id).",
            "Every file is checked before any is sent: one bad file sends nothing."})
public final class SubmitCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Post JSON files, or - for standard input.")
    List<String> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HeraldConfig config = options.config();
        PostParser parser = ClientSupport.parser(config);
        List<byte[]> bodies = new ArrayList<>();
        List<Post> posts = new ArrayList<>();
        for (String file : files) {
            byte[] bytes = ClientSupport.read(file);
            posts.add(ClientSupport.parse(parser, file, bytes));
            bodies.add(bytes);
            warnIfNotApproved(config, file, bytes);
        }
        String topic = config.kafka().topics().approved();
        String bootstrap = options.clientBootstrap();
        try (Producer<byte[], byte[]> producer = producer(bootstrap, "herald-submit")) {
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

    /** A producer; a bootstrap the client cannot use (a host that does not resolve) is a one-line error. */
    static Producer<byte[], byte[]> producer(String bootstrap, String clientId) {
        try {
            return KafkaClients.producer(bootstrap, clientId);
        } catch (org.apache.kafka.common.KafkaException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new UserError("cannot use Kafka at " + bootstrap + " (--bootstrap): " + root.getMessage(), e);
        }
    }

    /**
     * Says so when the post's approval does not verify against the approvers configured here
     * (production and sandbox): Herald would REJECT it. Only a warning, since the pipeline's own
     * configuration decides.
     */
    private void warnIfNotApproved(HeraldConfig config, String file, byte[] bytes) {
        try {
            var result = io.herald.approval.ApprovalVerifier.fromConfig(config, true).verify(bytes);
            if (!result.verified()) {
                spec.commandLine().getErr().println("herald: warning: " + (file.equals("-") ? "<stdin>" : file)
                        + ": approval does not verify (" + result.describe() + "); Herald will REJECT it unless"
                        + " approval is switched off. Sign it with: herald approve --key KEY " + file);
            }
        } catch (RuntimeException e) {
            // no approver keys here to check against: the pipeline will decide
        }
    }

    /** Sends and waits for the broker's acknowledgement; an unreachable broker is a one-line error. */
    static RecordMetadata send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, String bootstrap) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new UserError("cannot reach Kafka at " + bootstrap + " (--bootstrap): "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }
}
