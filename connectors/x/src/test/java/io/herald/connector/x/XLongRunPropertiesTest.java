package io.herald.connector.x;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import io.herald.connector.Account;
import io.herald.connector.Capabilities;
import io.herald.connector.ConnectorContext;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.Secret;
import io.herald.sandbox.x.XStandIn;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of X's adapt for text with long runs without spaces (Chinese prose with emoji, flags and
 * links inside): every part within 280 weighted, no grapheme cluster cut or lost, every URL, hashtag
 * and mention whole in one part.
 */
class XLongRunPropertiesTest {

    private final XConnector connector = new XConnector(ConnectorContext.defaults());
    private final Capabilities caps = connector.capabilities(new Account("x", "demo", URI.create("https://api.x.com"),
            Map.of("token", Secret.of("t")), Map.of()));

    @Provide
    Arbitrary<String> runs() {
        // mostly CJK and emoji without spaces, so that whole runs exceed the limit; now and then a link, tag or mention
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(80, Arbitraries.of("诊所", "今天", "开放", "。", "，", "流感疫苗", "接种", "！")),
                net.jqwik.api.Tuple.of(25, Arbitraries.of("👩‍⚕️", "🇺🇸", "👍🏽", "1️⃣", "é", "😀")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(" https://riverside-health.org/flu?lang=zh ", " #流感季 ", " @riverside ")));
        return piece.list().ofMinSize(100).ofMaxSize(400).map(ps -> String.join("", ps).strip());
    }

    @Property(tries = 150)
    void shouldCutOnlyBetweenClustersAndKeepEntitiesWhole(@ForAll("runs") String body) {
        PlatformPost post = connector.adapt(PostContent.text(body), caps);
        net.jqwik.api.statistics.Statistics.collect(java.util.Arrays.stream(body.split("\\s+"))
                .anyMatch(w -> XText.weightedLength(w) > 280) ? "a run over the limit" : "words fit");

        assertThat(post.parts()).allSatisfy(p ->
                assertThat(XStandIn.weightedLength(p.text())).isEqualTo(p.lengths().get("weighted")).isLessThanOrEqualTo(280));
        List<String> texts = new ArrayList<>();
        for (String t : post.texts()) {
            texts.add(post.parts().size() > 1 ? t.replaceFirst(" \\(\\d+/\\d+\\)$", "") : t);
        }
        assertThat(clusters(String.join("", texts))).containsExactlyElementsOf(clusters(body));
        for (Extractor.Entity e : new Extractor().extractEntitiesWithIndices(body)) {
            assertThat(texts).as("%s whole in one part", e.getValue()).anySatisfy(t -> assertThat(t).contains(
                    body.substring(e.getStart(), e.getEnd())));
        }
    }

    /** The grapheme clusters of {@code text} that are not whitespace, in order. */
    private static List<String> clusters(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(text);
        List<String> out = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String c = text.substring(start, end);
            if (!c.isBlank()) {
                out.add(c);
            }
        }
        return out;
    }
}
