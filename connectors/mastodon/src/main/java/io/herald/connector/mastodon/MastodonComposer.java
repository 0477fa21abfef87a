package io.herald.connector.mastodon;

import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PostText;
import io.herald.connector.TextSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shapes content for Mastodon: the body, then the link and the hashtags, each after a blank line;
 * split into a thread numbered {@code (1/3)} when it exceeds the server's {@code max_characters} as
 * Mastodon counts them (every URL as the server's {@code characters_reserved_per_url}). Pure.
 */
final class MastodonComposer {

    /** Mastodon's default {@code max_characters}. */
    static final int LIMIT = 500;
    /** The unit Mastodon counts in. */
    static final String UNIT = "characters";
    /** The counting parameter: what one URL counts. */
    static final String URL_WEIGHT = "urlWeight";

    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}_]");

    private MastodonComposer() {
    }

    static PlatformPost adapt(PostContent content, Capabilities capabilities) {
        String text = compose(content);
        if (text.isBlank()) {
            throw new AdaptException("nothing to post to mastodon: the body, link and hashtags are empty");
        }
        int limit = capabilities.limits().getOrDefault(UNIT, LIMIT);
        int urlWeight = capabilities.counting(URL_WEIGHT, MastodonText.URL_WEIGHT);
        TextSplitter splitter = TextSplitter.of(t -> MastodonText.length(t, urlWeight), limit).withCounters();
        List<String> texts = splitter.split(text);
        if (texts.size() > capabilities.threads().maxParts()) {
            throw new AdaptException("too long for mastodon: it would take " + texts.size() + " posts of " + limit
                    + " characters, and Herald threads at most " + capabilities.threads().maxParts()
                    + "; shorten the body or give mastodon an override");
        }
        List<PlatformPost.Part> parts = new ArrayList<>();
        for (String t : texts) {
            parts.add(new PlatformPost.Part(t, Map.of(UNIT, MastodonText.length(t, urlWeight)), List.of()));
        }
        if (content.media().size() > capabilities.media().maxItems()) {
            throw new AdaptException("mastodon takes at most " + capabilities.media().maxItems() + " media items per post, but the post has "
                    + content.media().size() + "; remove some or give mastodon an override");
        }
        return new PlatformPost(parts, Map.of(UNIT, limit), content.media(), content.link(), null);
    }

    static String compose(PostContent content) {
        return PostText.compose(content.body(), content.link(), content.hashtags(), NOT_IN_HASHTAG);
    }

    /** {@code #Tag #Other}: each tag cleaned to what Mastodon links, without duplicates or tags the text has. */
    static String hashtags(List<String> hashtags, String text) {
        return PostText.hashtags(hashtags, text, NOT_IN_HASHTAG, tag -> true);
    }
}
