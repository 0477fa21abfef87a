package io.herald.connector.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Account;
import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Media;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LinkedInAdaptPropertiesTest {

    private final LinkedInConnector connector = new LinkedInConnector(ConnectorContext.defaults());
    private final Capabilities caps = connector.capabilities(new Account("linkedin", "x", URI.create("https://api.linkedin.com"),
            Map.of("token", Secret.of("t")), Map.of("author", "urn:li:organization:1")));

    @Property(tries = 300)
    void shouldKeepThePostWithinTheLimitOrSayWhyNot(@ForAll("contents") PostContent content) {
        PlatformPost post;
        try {
            post = connector.adapt(content, caps);
        } catch (AdaptException e) {
            assertThat(e.getMessage()).contains("linkedin");
            return;
        }
        assertThat(post.parts()).hasSize(1);
        PlatformPost.Part part = post.parts().get(0);
        assertThat(part.lengths().get("characters")).isEqualTo(part.text().length()).isLessThanOrEqualTo(3000);
        assertThat(post.limits()).isEqualTo(Map.of("characters", 3000));
    }

    @Property(tries = 300)
    void shouldLoseNoTextAndKeepEveryUrlAndHashtagWhole(@ForAll("contents") PostContent content) {
        PlatformPost post;
        try {
            post = connector.adapt(content, caps);
        } catch (AdaptException e) {
            return;
        }
        String shown = LinkedInText.unescape(post.parts().get(0).text());
        assertThat(shown).startsWith(content.body().strip());
        if (content.link() != null) {
            assertThat(shown).contains(content.link().strip());
        }
        for (String tag : content.hashtags()) {
            String clean = tag.replaceAll("[^\\p{L}\\p{N}]", "");
            if (!clean.isEmpty()) {
                assertThat(shown.toLowerCase()).contains("#" + clean.toLowerCase());
            }
        }
    }

    @Property(tries = 200)
    void shouldAdaptDeterministically(@ForAll("contents") PostContent content) {
        try {
            assertThat(connector.adapt(content, caps)).isEqualTo(connector.adapt(content, caps));
        } catch (AdaptException e) {
            assertThatThrownBy(() -> connector.adapt(content, caps)).isInstanceOf(AdaptException.class);
        }
    }

    @Example
    void shouldRefuseATextThatEscapingTakesOverTheLimit() {
        String body = "(x) ".repeat(700); // 2,800 characters shown, 4,200 as sent

        assertThatThrownBy(() -> connector.adapt(PostContent.text(body), caps))
                .isInstanceOf(AdaptException.class)
                .hasMessageContaining("too long for linkedin: 4199 characters")
                .hasMessageContaining("shorten the body by 1199");
    }

    @Example
    void shouldRefuseASecondImage() {
        Media image = new Media("https://riverside.example/a.jpg", "alt", "image/jpeg");

        assertThatThrownBy(() -> connector.adapt(new PostContent("Hi", null, List.of(), List.of(image, image)), caps))
                .isInstanceOf(AdaptException.class)
                .hasMessageContaining("linkedin takes one image per post");
    }

    @Provide
    Arbitrary<PostContent> contents() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(9),
                Arbitraries.of("(free)", "clinic_2", "#Flu", "C#", "<3", "~", "*", "@home", "😀", "👩‍⚕️", "[1]", "{a}", "|", "\\"));
        Arbitrary<String> body = word.list().ofMinSize(1).ofMaxSize(600).map(w -> String.join(" ", w));
        Arbitrary<String> link = Arbitraries.of(null, "https://riverside.example/flu", "https://riverside.example/a_b?x=(1)#faq");
        Arbitrary<List<String>> tags = Arbitraries.of("FluSeason", "Health_2026", "#Care", "café").list().ofMaxSize(3);
        return net.jqwik.api.Combinators.combine(body, link, tags).as((b, l, t) -> new PostContent(b, l, t, List.of()));
    }
}
