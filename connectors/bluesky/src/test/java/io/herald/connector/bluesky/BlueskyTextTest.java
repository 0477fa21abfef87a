package io.herald.connector.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.connector.PlatformPost;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlueskyTextTest {

    private static List<String> selected(String text) {
        return BlueskyText.facets(text).stream().map(f -> f.type() + ":" + BlueskyText.selected(text, f)).toList();
    }

    @Test
    void shouldCountGraphemesAsPeopleSeeThem() {
        assertThat(BlueskyText.graphemes("👨‍👩‍👧‍👦")).isEqualTo(1);
        assertThat(BlueskyText.graphemes("🇫🇷🇺🇸")).isEqualTo(2);
        assertThat(BlueskyText.graphemes("e\u0301")).isEqualTo(1);
        assertThat(BlueskyText.bytes("👨‍👩‍👧‍👦")).isEqualTo(25);
    }

    @Test
    void shouldKeepBothLimitsInOneNumber() {
        assertThat(BlueskyText.combinedLength("a".repeat(300), 300, 3000)).isEqualTo(300);
        assertThat(BlueskyText.combinedLength("👨‍👩‍👧‍👦".repeat(120), 300, 3000)).as("3,000 bytes in 120 graphemes").isEqualTo(300);
        assertThat(BlueskyText.combinedLength("👨‍👩‍👧‍👦".repeat(121), 300, 3000)).isGreaterThan(300);
    }

    @Test
    void shouldFindLinksWithoutTheirSentencePunctuation() {
        assertThat(selected("See https://riverside.example/flu. Or (https://riverside.example/map) today!"))
                .containsExactly("link:https://riverside.example/flu", "link:https://riverside.example/map");
        assertThat(selected("Wiki https://en.wikipedia.org/wiki/Flu_(disease), read it"))
                .containsExactly("link:https://en.wikipedia.org/wiki/Flu_(disease)");
    }

    @Test
    void shouldFindTagsAsTheAppDoes() {
        assertThat(selected("#FluSeason now, #2026 no, #flu2026! yes, mid#word no, ＃診所 yes"))
                .containsExactly("tag:#FluSeason", "tag:#flu2026", "tag:＃診所");
        assertThat(BlueskyText.facets("#FluSeason.")).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("FluSeason"));
    }

    @Test
    void shouldFindMentionsOfHandlesAndNotEmails() {
        assertThat(selected("Ask @nurse.herald.test, or mail clinic@riverside.example or @nobody"))
                .containsExactly("mention:@nurse.herald.test");
    }

    @Test
    void shouldCountOffsetsInUtf8Bytes() {
        PlatformPost.Facet tag = BlueskyText.facets("💉 #Flu").get(0);

        assertThat(tag.byteStart()).isEqualTo(5);
        assertThat(tag.byteEnd()).isEqualTo(9);
    }

    @Test
    void shouldLeaveATagInsideAUrlToTheUrl() {
        assertThat(selected("https://riverside.example/#faq")).containsExactly("link:https://riverside.example/#faq");
    }
}
