package io.herald.connector.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.connector.Account;
import io.herald.connector.Capabilities;
import io.herald.connector.ConnectorContext;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.Secret;
import io.herald.sandbox.threads.ThreadsTextRules;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of Threads' adapt: every part within 500 characters and 5 links, no URL, tag or emoji split, no word lost. */
class ThreadsAdaptPropertiesTest {

    private final ThreadsConnector connector = new ThreadsConnector(ConnectorContext.defaults());
    private final Capabilities caps = connector.capabilities(new Account("threads", "demo", URI.create("https://graph.threads.net"),
            Secret.of("t"), Map.of("userId", "1")));

    @Provide
    Arbitrary<String> words() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("😀", "👩‍⚕️", "🇺🇸", "👍🏽", "1️⃣", "é", "诊所", "#FluSeason", "@riverside", "clinic."),
                Arbitraries.integers().between(1, 40).map(i -> "https://riverside.example/clinic/" + i),
                Arbitraries.integers().between(1, 40).map(i -> "www.riverside.example/p" + i));
        return word.list().ofMinSize(1).ofMaxSize(150).map(ws -> String.join(" ", ws));
    }

    @Property(tries = 200)
    void shouldKeepEveryPartWithinBothLimitsAsTheStandInCounts(@ForAll("words") String body) {
        PlatformPost post = connector.adapt(PostContent.text(body), caps);

        assertThat(post.parts()).allSatisfy(p -> {
            assertThat(ThreadsTextRules.characters(p.text())).isEqualTo(p.lengths().get("characters")).isLessThanOrEqualTo(500);
            assertThat(ThreadsTextRules.links(p.text())).isEqualTo(p.lengths().get("links")).isLessThanOrEqualTo(5);
        });
    }

    @Property(tries = 200)
    void shouldLoseNoWordAndSplitNone(@ForAll("words") String body) {
        PlatformPost post = connector.adapt(PostContent.text(body), caps);

        List<String> sent = new ArrayList<>();
        for (String text : post.texts()) {
            List<String> ws = new ArrayList<>(Arrays.asList(text.strip().split("\\s+")));
            if (post.parts().size() > 1) {
                ws.remove(ws.size() - 1); // the counter "(i/n)"
            }
            sent.addAll(ws);
        }
        assertThat(sent).containsExactlyElementsOf(Arrays.asList(body.strip().split("\\s+")));
    }
}
