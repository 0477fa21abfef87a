package io.herald.connector.x;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.connector.Account;
import io.herald.connector.Capabilities;
import io.herald.connector.ConnectorContext;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.Secret;
import io.herald.sandbox.x.XStandIn;
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

/**
 * Properties of X's adapt: every part within the account's weighted limit as the stand-in counts it
 * (twitter-text, written apart from the connector's use of it), the lengths reported equal to that
 * count, and no word (URL, hashtag, mention, emoji sequence) lost, reordered or split, for a standard
 * and a longer tier.
 */
class XAdaptPropertiesTest {

    private final XConnector connector = new XConnector(ConnectorContext.defaults());

    private Capabilities caps(int limit) {
        return connector.capabilities(new Account("x", "demo", URI.create("https://api.x.com"), Map.of("token", Secret.of("t")),
                Map.of(XConfig.MAX_WEIGHTED_LENGTH, Integer.toString(limit))));
    }

    @Provide
    Arbitrary<String> words() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("😀", "👩‍⚕️", "🇺🇸", "👍🏽", "1️⃣", "é", "诊所", "今天开放。", "#FluSeason", "@riverside", "clinic.",
                        "Walk-ins", "(call)", "&", "<b>"),
                Arbitraries.integers().between(1, 40).map(i -> "https://riverside-health.org/clinic/" + i + "?utm_source=herald"),
                Arbitraries.integers().between(1, 40).map(i -> "www.riverside-health.org/p" + i));
        return word.list().ofMinSize(1).ofMaxSize(200).map(ws -> String.join(" ", ws));
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.of(280, 280, 500, 4000);
    }

    @Property(tries = 300)
    void shouldKeepEveryPartWithinTheLimitAsXCountsIt(@ForAll("words") String body, @ForAll("limits") int limit) {
        PlatformPost post = connector.adapt(PostContent.text(body), caps(limit));

        assertThat(post.limits()).containsEntry("weighted", limit);
        assertThat(post.parts()).allSatisfy(p ->
                assertThat(XStandIn.weightedLength(p.text())).isEqualTo(p.lengths().get("weighted")).isLessThanOrEqualTo(limit));
    }

    @Property(tries = 300)
    void shouldLoseNoWordAndSplitNone(@ForAll("words") String body, @ForAll("limits") int limit) {
        PlatformPost post = connector.adapt(PostContent.text(body), caps(limit));

        List<String> sent = new ArrayList<>();
        for (String text : post.texts()) {
            List<String> ws = new ArrayList<>(Arrays.asList(text.strip().split("\\s+")));
            if (post.parts().size() > 1) {
                assertThat(ws.get(ws.size() - 1)).matches("\\(\\d+/" + post.parts().size() + "\\)");
                ws.remove(ws.size() - 1);
            }
            sent.addAll(ws);
        }
        assertThat(sent).containsExactlyElementsOf(Arrays.asList(body.strip().split("\\s+")));
    }

    @Property(tries = 100)
    void shouldPutTheLinkAndTheHashtagsInTheTextOnce(@ForAll("words") String body) {
        PostContent content = new PostContent(body, "https://riverside-health.org/flu", List.of("FluSeason", "#Health"), List.of());

        String all = String.join(" ", connector.adapt(content, caps(280)).texts());

        assertThat(all.split("https://riverside-health.org/flu(?![/?\\w])", -1)).hasSize(2);
        assertThat(all).contains("#Health");
    }
}
