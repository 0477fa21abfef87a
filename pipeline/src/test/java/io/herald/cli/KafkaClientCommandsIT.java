package io.herald.cli;

import static io.herald.cli.CommandRun.configDir;
import static io.herald.cli.CommandRun.run;
import static io.herald.cli.CommandRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.KafkaExtension;
import io.herald.testing.TestKafka;
import io.herald.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald submit} and {@code herald cancel} against a real broker, on a topic of their own. */
@ExtendWith(KafkaExtension.class)
class KafkaClientCommandsIT {

    @TempDir
    Path dir;

    /** A configuration whose input topic is a new topic of this test's own. */
    private record Config(Path file, String topic) {}

    private Config config(TestKafka kafka, String name) throws Exception {
        String prefix = TestKafka.uniquePrefix(name);
        String topic = prefix + "approved";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        return new Config(configDir(dir.resolve("config"), "kafka:\n  topics:\n    approved: " + topic + "\n    audit: " + prefix
                + "audit\n"), topic);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void shouldProduceEveryPostUnderItsIdWithItsBytesUntouched(TestKafka kafka) throws Exception {
        Config config = config(kafka, "submit");
        String first = CommandRun.sign("{\"id\": \"flu-1\", \"body\": \"Flu shots on Monday.\", \"targets\": [\"mastodon:demo\"]}") + "\n";
        String second = CommandRun.sign("{\"id\": \"flu-2\", \"revision\": 3,\n \"body\": \"Flu shots on Tuesday.\", \"targets\": [\"mastodon:riverside\"]}");
        Path a = write(dir, "a.json", first);
        Path b = write(dir, "b.json", second);

        CommandRun run = run("submit", "--config", config.file().toString(), "--bootstrap", kafka.bootstrapServers(),
                a.toString(), b.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        String topic = config.topic();
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.outLines().get(0)).startsWith("submitted flu-1 revision 1 to " + topic + " (partition ");
        assertThat(run.outLines().get(1)).startsWith("submitted flu-2 revision 3 to " + topic + " (partition ");
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(kafka.bootstrapServers(), topic);
        assertThat(records).extracting(r -> text(r.key()) + "=" + text(r.value()))
                .containsExactlyInAnyOrder("flu-1=" + first, "flu-2=" + second);
    }

    @Test
    void shouldProduceATombstoneUnderThePostIdToCancel(TestKafka kafka) throws Exception {
        Config config = config(kafka, "cancel");

        CommandRun run = run("cancel", "--config", config.file().toString(), "--bootstrap", kafka.bootstrapServers(), "flu-1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).as("no Herald ran there, so nothing can wait").isEqualTo(CancelCommand.NOTHING_WAITING);
        String topic = config.topic();
        assertThat(run.out()).startsWith("cancel of flu-1 sent to " + topic + " (partition ")
                .contains("nothing of it can be waiting: there is no audit topic");
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), topic)).singleElement().satisfies(r -> {
            assertThat(text(r.key())).isEqualTo("flu-1");
            assertThat(r.value()).isNull();
        });
    }

    @Test
    void shouldTakeTheBrokerFromTheConfigurationWithoutTheOption(TestKafka kafka) throws Exception {
        Config config = config(kafka, "configured");
        String topic = config.topic();
        Files.writeString(config.file(), "kafka:\n  bootstrap: \"" + kafka.bootstrapServers() + "\"\n  topics:\n    approved: " + topic + "\n");
        Path post = write(dir, "p.json", CommandRun.sign("{\"id\": \"p\", \"body\": \"Flu shots.\", \"targets\": [\"mastodon:demo\"]}"));

        CommandRun run = run("submit", "--config", config.file().toString(), post.toString());

        assertThat(run.exit()).isZero();
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), topic)).hasSize(1);
    }
}
