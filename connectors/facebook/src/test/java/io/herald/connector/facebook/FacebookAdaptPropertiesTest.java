package io.herald.connector.facebook;

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
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FacebookAdaptPropertiesTest {

    private static final Media PHOTO = new Media("https://riverside.example/flu.jpg", "A nurse", "image/jpeg");
    private final FacebookConnector connector = new FacebookConnector(ConnectorContext.defaults());
    private final Capabilities caps = connector.capabilities(new Account("facebook", "x", URI.create("https://graph.facebook.com"),
            Map.of("token", Secret.of("t")), Map.of("pageId", "1")));

    @Property(tries = 300)
    void shouldKeepThePostWithinTheLimitOrSayWhyNot(@ForAll("contents") PostContent content) {
        PlatformPost post;
        try {
            post = connector.adapt(content, caps);
        } catch (AdaptException e) {
            assertThat(e.getMessage()).contains("facebook");
            return;
        }
        assertThat(post.parts()).hasSize(1);
        PlatformPost.Part part = post.parts().get(0);
        assertThat(part.lengths().get("characters")).isEqualTo(part.text().length()).isLessThanOrEqualTo(63_206);
    }

    @Property(tries = 300)
    void shouldPutTheLinkInItsFieldOrInAPhotosCaptionAndLoseNoText(@ForAll("contents") PostContent content) {
        PlatformPost post;
        try {
            post = connector.adapt(content, caps);
        } catch (AdaptException e) {
            return;
        }
        String text = post.parts().get(0).text();
        assertThat(text).startsWith(content.body().strip());
        if (content.link() != null && content.media().isEmpty()) {
            assertThat(post.link()).isEqualTo(content.link());
        }
        if (content.link() != null && !content.media().isEmpty()) {
            assertThat(post.link()).isNull();
            assertThat(text).contains(content.link());
        }
        for (String tag : content.hashtags()) {
            String clean = tag.replaceAll("[^\\p{L}\\p{N}_]", "");
            if (!clean.isEmpty()) {
                assertThat(text.toLowerCase()).contains("#" + clean.toLowerCase());
            }
        }
    }

    @Example
    void shouldRefuseATextOverTheLimitNamingTheOverflow() {
        assertThatThrownBy(() -> connector.adapt(PostContent.text("a".repeat(63_210)), caps))
                .isInstanceOf(AdaptException.class)
                .hasMessageContaining("too long for facebook: 63210 characters")
                .hasMessageContaining("shorten the body by 4");
    }

    @Provide
    Arbitrary<PostContent> contents() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(9),
                Arbitraries.of("😀", "👩‍⚕️", "#Flu", "https://riverside.example/x", "\n"));
        Arbitrary<String> body = word.list().ofMinSize(1).ofMaxSize(200).map(w -> String.join(" ", w));
        Arbitrary<String> link = Arbitraries.of(null, "https://riverside.example/flu");
        Arbitrary<List<String>> tags = Arbitraries.of("FluSeason", "Health_2026", "#Care").list().ofMaxSize(3);
        Arbitrary<List<Media>> media = Arbitraries.of(List.<Media>of(), List.of(PHOTO));
        return Combinators.combine(body, link, tags, media).as(PostContent::new);
    }
}
