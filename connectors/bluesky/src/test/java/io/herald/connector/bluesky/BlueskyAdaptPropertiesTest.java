package io.herald.connector.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.BreakIterator;
import io.herald.connector.Account;
import io.herald.connector.Capabilities;
import io.herald.connector.ConnectorContext;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.Secret;
import io.herald.sandbox.bluesky.BlueskyTextRules;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of Bluesky's adapt: every part within 300 graphemes and 3,000 bytes as the stand-in counts
 * (the JDK's grapheme clusters, apart from ICU4J's), no URL, tag, mention or grapheme cluster split, no
 * text lost, and every facet selecting exactly its text. Words start with a base character (a mark
 * after a space would join the space's cluster, and parts end at spaces).
 */
class BlueskyAdaptPropertiesTest {

    private static final List<String> UNITS = List.of("👩‍⚕️", "👨‍👩‍👧‍👦", "🇺🇸", "🇫🇷", "👍🏽", "1️⃣", "é", "e\u0301", "ñ", "诊", "所", "開",
            "한", "กำ");
    private final BlueskyConnector connector = new BlueskyConnector(ConnectorContext.defaults());
    private final Capabilities caps = connector.capabilities(new Account("bluesky", "demo", URI.create("https://bsky.social"),
            Map.of("password", Secret.of("p")), Map.of("handle", "riverside.bsky.social")));

    @Provide
    Arbitrary<String> words() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of(UNITS.toArray(String[]::new)).list().ofMinSize(1).ofMaxSize(400).map(l -> String.join("", l)),
                Arbitraries.of("#FluSeason", "#診所", "#flu2026", "@nurse.herald.test", "@riverside.bsky.social", "clinic.", "(see"),
                Arbitraries.integers().between(1, 40).map(i -> "https://riverside.example/clinic/" + i + "?utm=herald"),
                Arbitraries.integers().between(1, 40).map(i -> "(https://riverside.example/p" + i + ")."));
        return word.list().ofMinSize(1).ofMaxSize(120).map(ws -> String.join(" ", ws));
    }

    @Property(tries = 200)
    void shouldKeepEveryPartWithinBothLimitsAsTheStandInCounts(@ForAll("words") String body) {
        PlatformPost post = connector.adapt(PostContent.text(body), caps);

        assertThat(post.parts()).allSatisfy(p -> {
            assertThat(BlueskyTextRules.graphemes(p.text())).isEqualTo(p.lengths().get("graphemes")).isLessThanOrEqualTo(300);
            assertThat(BlueskyTextRules.bytes(p.text())).isEqualTo(p.lengths().get("bytes")).isLessThanOrEqualTo(3000);
        });
    }

    @Property(tries = 200)
    void shouldLoseNoTextAndSplitNoUrlTagMentionOrGraphemeCluster(@ForAll("words") String body) {
        PlatformPost post = connector.adapt(PostContent.text(body), caps);

        String whole = body.strip();
        Set<Integer> boundaries = graphemeBoundaries(whole);
        int from = 0;
        for (String text : post.texts()) {
            String t = post.parts().size() > 1 ? text.replaceFirst(" \\(\\d+/\\d+\\)$", "") : text;
            int at = whole.indexOf(t, from);
            assertThat(at).as("part %s is the body's next text", t).isGreaterThanOrEqualTo(from);
            assertThat(whole.substring(from, at)).as("only spaces are dropped at a cut").isBlank();
            assertThat(boundaries).as("a part begins and ends between grapheme clusters").contains(at, at + t.length());
            from = at + t.length();
        }
        assertThat(from).as("nothing lost at the end").isEqualTo(whole.length());
        // every URL, tag and mention of the body is whole in one part
        List<String> inParts = new ArrayList<>();
        post.parts().forEach(p -> p.facets().forEach(f -> inParts.add(BlueskyText.selected(p.text(), f))));
        List<String> inBody = BlueskyText.facets(body.strip()).stream().map(f -> BlueskyText.selected(body.strip(), f)).toList();
        assertThat(inParts).containsExactlyElementsOf(inBody);
    }

    @Property(tries = 200)
    void shouldHaveFacetsThatSelectExactlyTheirText(@ForAll("words") String body) {
        PlatformPost post = connector.adapt(PostContent.text(body), caps);

        for (PlatformPost.Part part : post.parts()) {
            int bytes = BlueskyTextRules.bytes(part.text());
            int covered = 0;
            for (PlatformPost.Facet f : part.facets()) {
                assertThat(f.byteStart()).isGreaterThanOrEqualTo(covered);
                assertThat(f.byteEnd()).isLessThanOrEqualTo(bytes);
                String selected = BlueskyText.selected(part.text(), f);
                switch (f.type()) {
                    case "link" -> assertThat(selected).isEqualTo(f.value()).startsWith("https://").doesNotEndWith(".")
                            .doesNotEndWith(")");
                    case "tag" -> assertThat(selected).isEqualTo("#" + f.value());
                    case "mention" -> assertThat(selected).isEqualTo("@" + f.value());
                    default -> throw new AssertionError("unknown facet " + f);
                }
                covered = f.byteEnd();
            }
        }
    }

    private static Set<Integer> graphemeBoundaries(String text) {
        BreakIterator b = BreakIterator.getCharacterInstance();
        b.setText(text);
        Set<Integer> out = new TreeSet<>();
        for (int i = b.first(); i != BreakIterator.DONE; i = b.next()) {
            out.add(i);
        }
        return out;
    }

}
