package io.herald.connector.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.AdaptException;
import io.herald.connector.Account;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Media;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import java.util.List;
import org.junit.jupiter.api.Test;

class MastodonAdaptTest {

    private final MastodonConnector connector = new MastodonConnector(ConnectorContext.defaults());
    private final Account account = new Account("mastodon", "riverside", java.net.URI.create("https://m.example"),
            io.herald.connector.Secret.of("t"), java.util.Map.of());

    private PlatformPost adapt(PostContent content) {
        return connector.adapt(content, connector.capabilities(account));
    }

    @Test
    void shouldFitTheLimitAndUrlWeightTheServerAnnounces() {
        var caps = connector.capabilities(account).withLimits(java.util.Map.of("characters", 100_000))
                .withCounting(java.util.Map.of("urlWeight", 32));
        String body = "Our clinic is open late this week. ".repeat(23).strip(); // 804 characters

        PlatformPost post = connector.adapt(new PostContent(body + " https://riverside.example/flu", null, List.of(), List.of()), caps);

        assertThat(post.parts()).hasSize(1);
        assertThat(post.lengths()).containsExactly(body.length() + 1 + 32);
        assertThat(post.limit()).isEqualTo(100_000);
    }

    @Test
    void shouldAppendLinkAndHashtagsAsParagraphs() {
        PlatformPost post = adapt(new PostContent("Flu shots are here.", "https://riverside.example/flu",
                List.of("FluSeason", "#Health"), List.of()));

        assertThat(post.texts()).containsExactly("Flu shots are here.\n\nhttps://riverside.example/flu\n\n#FluSeason #Health");
        assertThat(post.lengths()).containsExactly(19 + 2 + 23 + 2 + 18);
        assertThat(post.limit()).isEqualTo(500);
    }

    @Test
    void shouldNotRepeatALinkOrHashtagTheBodyHas() {
        PlatformPost post = adapt(new PostContent("Details: https://riverside.example/flu #fluseason",
                "https://riverside.example/flu", List.of("FluSeason", "fluseason", "Clinic"), List.of()));

        assertThat(post.texts()).containsExactly("Details: https://riverside.example/flu #fluseason\n\n#Clinic");
    }

    @Test
    void shouldCleanHashtagsToWhatMastodonLinks() {
        PlatformPost post = adapt(new PostContent("Hi", null, List.of("Flu Season", "covid-19", " ", "#"),
                List.of()));

        assertThat(post.texts()).containsExactly("Hi\n\n#FluSeason #covid19");
    }

    @Test
    void shouldKeepTheMediaForThePipeline() {
        Media image = new Media("https://riverside.example/flu.jpg", "A nurse", "image/jpeg");

        assertThat(adapt(new PostContent("Hi", null, List.of(), List.of(image))).media())
                .containsExactly(image);
    }

    @Test
    void shouldGiveExactly500CharactersOnePart() {
        String body = "a".repeat(500 - 2 - 23) + "\n\n";

        PlatformPost post = adapt(new PostContent(body.strip(), "https://riverside.example/" + "x".repeat(300),
                List.of(), List.of()));

        assertThat(post.parts()).hasSize(1);
        assertThat(post.lengths()).containsExactly(500);
    }

    @Test
    void shouldSplitLongTextIntoANumberedThread() {
        String body = "Our clinic is open late this week. ".repeat(40);

        PlatformPost post = adapt(new PostContent(body, "https://riverside.example/flu", List.of("Flu"),
                List.of()));

        assertThat(post.parts()).hasSizeGreaterThan(2);
        assertThat(post.lengths()).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(500));
        assertThat(post.texts().get(0)).endsWith("week. (1/" + post.parts().size() + ")");
        assertThat(post.texts().get(post.parts().size() - 1)).contains("https://riverside.example/flu", "#Flu");
    }

    @Test
    void shouldRefuseNothingToPost() {
        assertThatThrownBy(() -> adapt(new PostContent("  ", null, List.of(), List.of())))
                .isInstanceOf(AdaptException.class)
                .hasMessage("nothing to post to mastodon: the body, link and hashtags are empty");
    }
}
