package io.herald.connector.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.connector.Account;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.ConnectorContractTest;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.threads.ThreadsTextRules;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThreadsConnectorContractTest extends ConnectorContractTest {

    @Override
    protected String platform() {
        return "threads";
    }

    @Override
    protected Account sandboxAccount(URI baseUrl) {
        return new Account("threads", SandboxAccounts.DEMO, baseUrl, Map.of("token", Secret.of(SandboxAccounts.THREADS_DEMO_TOKEN)),
                Map.of(ThreadsConfig.USER_ID, SandboxAccounts.THREADS_DEMO_USER_ID));
    }

    @Override
    protected int networkLength(String text) {
        return ThreadsTextRules.characters(text);
    }

    @Override
    protected Map<String, Integer> networkLengths(String text) {
        return Map.of("characters", ThreadsTextRules.characters(text), "links", ThreadsTextRules.links(text));
    }

    @Override
    protected List<PostContent> samples(int limit) {
        List<PostContent> all = new java.util.ArrayList<>(super.samples(limit));
        all.add(PostContent.text("Emoji count their bytes on Threads: " + "👩‍⚕️ ".repeat(60)));
        all.add(PostContent.text("Seven clinics: " + IntStream.rangeClosed(1, 7)
                .mapToObj(i -> "https://riverside.example/clinic/" + i).collect(Collectors.joining(" "))));
        return all;
    }

    @Override
    protected int stepsBeforePart(PlatformPost post, int index) {
        return 2 * index + 1; // container-0, part-0, container-1, ... then the container of this part
    }

    @Override
    protected SandboxFault slowPublishFault(PlatformPost post, Duration delay) {
        return SandboxFault.delay(platform(), delay).onPath("/threads_publish$");
    }

    @Test
    void shouldCarryLinksOverToTheNextPartWhenAPostHasMoreThanFive() throws PublishException {
        String links = IntStream.rangeClosed(1, 7).mapToObj(i -> "https://riverside.example/clinic/" + i)
                .collect(Collectors.joining(" "));
        PlatformPost post = connector().adapt(PostContent.text("Our clinics " + UUID.randomUUID() + ": " + links), capabilities());

        Receipt receipt = connector().publish(attempt(post));

        assertThat(post.parts()).hasSize(2);
        assertThat(post.parts()).allSatisfy(p -> assertThat(p.lengths().get("links")).isLessThanOrEqualTo(5));
        assertThat(postsOf(receipt)).extracting(SandboxPost::text).containsExactlyElementsOf(post.texts());
    }

    @Test
    void shouldCountEmojiAsTheirUtf8Bytes() {
        PlatformPost post = connector().adapt(PostContent.text("Hi 😀"), capabilities());

        assertThat(post.parts().get(0).lengths()).containsEntry("characters", 3 + 4);
    }
}
