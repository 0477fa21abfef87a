package io.herald.connector.x;

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
 * Shapes content for X: the body, then the link and the hashtags, each after a blank line; split into
 * a reply chain numbered {@code (1/3)} when it exceeds the account's limit in weighted characters
 * ({@link XText}). Pure.
 */
final class XComposer {

    /** The unit X counts in. */
    static final String UNIT = "weighted";
    /** The counting parameter: what one URL weighs. */
    static final String URL_WEIGHT = "urlWeight";

    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}_]");

    private XComposer() {
    }

    static PlatformPost adapt(PostContent content, Capabilities capabilities) {
        String text = compose(content);
        if (text.isBlank()) {
            throw new AdaptException("nothing to post to x: the body, link and hashtags are empty");
        }
        int limit = capabilities.limits().getOrDefault(UNIT, XText.DEFAULT_LIMIT);
        TextSplitter splitter = TextSplitter.of(XText::weightedLength, limit).withCounters();
        List<String> texts;
        try {
            texts = splitter.split(text);
        } catch (AdaptException e) {
            // a run without spaces heavier than the limit (Chinese or Japanese text): cut it between
            // grapheme clusters, never inside a URL, hashtag, mention or emoji
            try {
                texts = ClusterSplitter.split(text.strip(), XText::weightedLength, limit);
            } catch (AdaptException again) {
                throw new AdaptException("cannot fit the post on x: " + again.getMessage());
            }
        }
        if (texts.size() > capabilities.threads().maxParts()) {
            throw new AdaptException("too long for x: it would take " + texts.size() + " posts of " + limit
                    + " weighted characters, and Herald threads at most " + capabilities.threads().maxParts()
                    + "; shorten the body or give x an override");
        }
        if (content.media().size() > capabilities.media().maxItems()) {
            throw new AdaptException("x takes at most " + capabilities.media().maxItems() + " images per post, but the post has "
                    + content.media().size() + "; remove some or give x an override");
        }
        List<PlatformPost.Part> parts = new ArrayList<>();
        for (String t : texts) {
            parts.add(new PlatformPost.Part(t, Map.of(UNIT, XText.weightedLength(t)), List.of()));
        }
        return new PlatformPost(parts, Map.of(UNIT, limit), content.media(), content.link(), null);
    }

    static String compose(PostContent content) {
        return PostText.compose(content.body(), content.link(), content.hashtags(), NOT_IN_HASHTAG);
    }

    /** {@code #Tag #Other}: each tag cleaned to what X links, without duplicates or tags the text has. */
    static String hashtags(List<String> hashtags, String text) {
        return PostText.hashtags(hashtags, text, NOT_IN_HASHTAG, tag -> true);
    }
}
