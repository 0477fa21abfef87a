package io.herald.post;

import static io.herald.post.PostFixtures.bytes;
import static io.herald.post.PostFixtures.example;
import static io.herald.post.PostFixtures.parser;
import static io.herald.post.PostFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.connector.Media;
import io.herald.connector.PostContent;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostTest {

    private static Post parse(ObjectNode post) throws InvalidPostException {
        return parser().parse(bytes(post));
    }

    @Test
    void shouldGiveAPlatformWithoutOverridesThePostAsWritten() throws Exception {
        PostContent content = parse(example()).contentFor("mastodon");

        assertThat(content.body()).isEqualTo("Flu shots are now available at our Main Street clinic. Walk-ins welcome.");
        assertThat(content.link()).isEqualTo("https://riverside.example/flu");
        assertThat(content.hashtags()).containsExactly("FluSeason");
        assertThat(content.media()).containsExactly(
                new Media("https://riverside.example/flu.jpg", "A nurse giving a flu shot", "image/jpeg"));
    }

    @Test
    void shouldReplaceOnlyTheFieldsAnOverrideGives() throws Exception {
        PostContent x = parse(example()).contentFor("x");

        assertThat(x.body()).isEqualTo("Flu shots now at our Main St clinic. Walk-ins welcome.");
        assertThat(x.link()).isEqualTo("https://riverside.example/flu");
        assertThat(x.hashtags()).containsExactly("FluSeason");
    }

    @Test
    void shouldApplyAnOverrideOfEveryFieldToItsPlatformOnly() throws Exception {
        ObjectNode json = example();
        json.set("overrides", tree("""
                {"bluesky": {"body": "Short.", "link": "https://riverside.example/b", "hashtags": ["Flu", "Clinic"]}}
                """));
        Post post = parse(json);

        PostContent bluesky = post.contentFor("bluesky");
        assertThat(bluesky.body()).isEqualTo("Short.");
        assertThat(bluesky.link()).isEqualTo("https://riverside.example/b");
        assertThat(bluesky.hashtags()).containsExactly("Flu", "Clinic");
        assertThat(bluesky.media()).hasSize(1);

        assertThat(post.contentFor("x").body()).isEqualTo(post.body());
        assertThat(post.contentFor("mastodon").hashtags()).containsExactly("FluSeason");
    }

    @Test
    void shouldLetAnOverrideRemoveEveryHashtagWithAnEmptyList() throws Exception {
        ObjectNode json = example();
        json.set("overrides", tree("{\"x\": {\"hashtags\": []}}"));

        assertThat(parse(json).contentFor("x").hashtags()).isEmpty();
    }

    @Test
    void shouldCarryMediaToEveryPlatformInOrder() throws Exception {
        ObjectNode json = example();
        json.set("media", tree("""
                [{"url": "https://r.example/1.jpg", "altText": "one"}, {"url": "https://r.example/2.jpg", "altText": "two"}]
                """));
        Post post = parse(json);

        assertThat(post.contentFor("x").media()).extracting(Media::url)
                .containsExactly("https://r.example/1.jpg", "https://r.example/2.jpg");
        assertThat(post.contentFor("mastodon").media()).isEqualTo(post.contentFor("x").media());
    }

    @Test
    void shouldNameThePlatformOfATarget() {
        assertThat(Post.platformOf("mastodon:riverside")).isEqualTo("mastodon");
        assertThat(List.of("x:a", "bluesky:b").stream().map(Post::platformOf)).containsExactly("x", "bluesky");
    }
}
