package io.herald.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code herald cancel}: produces the tombstone that cancels a post's waiting deliveries. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancels every not-yet-published delivery of a post (produces a tombstone under its id).")
public final class CancelCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "POST_ID", description = "The id of the post to cancel.")
    String postId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!postId.matches("[A-Za-z0-9._-]{1,128}")) {
            String shown = postId.length() > 60 ? postId.substring(0, 57) + "..." : postId;
            // escaped, so that the error stays on one line whatever was typed
            throw new UserError("POST_ID must match [A-Za-z0-9._-]{1,128}, but was '"
                    + shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'");
        }
        String topic = options.config().kafka().topics().approved();
        String bootstrap = options.clientBootstrap();
        try (Producer<byte[], byte[]> producer = SubmitCommand.producer(bootstrap, "herald-cancel")) {
            var md = SubmitCommand.send(producer,
                    new ProducerRecord<>(topic, postId.getBytes(StandardCharsets.UTF_8), null), bootstrap);
            spec.commandLine().getOut().printf("cancel of %s sent to %s (partition %d, offset %d)%n",
                    postId, topic, md.partition(), md.offset());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
