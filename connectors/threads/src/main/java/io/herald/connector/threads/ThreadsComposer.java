package io.herald.connector.threads;

import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.Media;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PostText;
import io.herald.connector.TextSplitter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shapes content for Threads: the body, then the link and the hashtags, each after a blank line, as
 * one post or, over 500 characters (as {@link ThreadsText} counts) or over 5 links, a thread of
 * replies numbered {@code (1/3)}, cut at sentence or word boundaries, never inside a URL, hashtag or
 * mention.
 *
 * <p><b>More than 5 links.</b> Threads refuses a post with more than 5 links; Herald does not refuse
 * the content but carries the links over to the next part of the thread (each part has at most 5),
 * as a person would post a long list of links on Threads: every word is kept, in order. Pure.
 */
final class ThreadsComposer {

    static final String CHARACTERS = "characters";
    static final String LINKS = "links";
    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}_]");

    private ThreadsComposer() {
    }

    static PlatformPost adapt(PostContent content, Capabilities capabilities) {
        Capabilities.MediaRules rules = capabilities.media();
        if (content.media().size() > rules.maxItems()) {
            throw new AdaptException("threads: Herald publishes one image per Threads post (carousels are not supported"
                    + " yet), but this post has " + content.media().size() + "; keep one image, or take threads out of"
                    + " the post's targets");
        }
        for (Media m : content.media()) {
            String scheme = scheme(m.url());
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new AdaptException("threads fetches the image from its URL itself, so it must be an https URL, but was '"
                        + m.url() + "'");
            }
            if (m.mimeType() != null && !m.mimeType().isBlank() && !rules.accepts(m.mimeType().strip())) {
                throw new AdaptException("threads takes JPEG and PNG images, but " + m.url() + " is " + m.mimeType()
                        + "; convert it");
            }
            if (m.altText() != null && rules.maxAltText() > 0 && m.altText().length() > rules.maxAltText()) {
                throw new AdaptException("threads takes alt text of at most " + rules.maxAltText() + " characters, but the"
                        + " image's has " + m.altText().length() + "; shorten it");
            }
        }
        String text = compose(content);
        if (text.isBlank() && content.media().isEmpty()) {
            throw new AdaptException("nothing to post to threads: the body, link and hashtags are empty and there is no image");
        }
        int limit = capabilities.limits().getOrDefault(CHARACTERS, ThreadsText.CHARACTER_LIMIT);
        int linkLimit = capabilities.limits().getOrDefault(LINKS, ThreadsText.LINK_LIMIT);
        // a part with too many links counts as too long, so the splitter carries links over to the next part
        TextSplitter splitter = TextSplitter.of(t -> ThreadsText.links(t) > linkLimit ? limit + 1 : ThreadsText.length(t), limit)
                .withCounters();
        List<String> texts;
        try {
            texts = text.isBlank() ? List.of("") : splitter.split(text);
        } catch (AdaptException e) {
            throw new AdaptException("threads cannot split this post: " + e.getMessage()
                    + " (Threads takes 500 characters and 5 links per post); shorten it or give threads an override");
        }
        if (texts.size() > capabilities.threads().maxParts()) {
            throw new AdaptException("too long for threads: it would take " + texts.size() + " posts of " + limit
                    + " characters, and Herald threads at most " + capabilities.threads().maxParts()
                    + "; shorten the body or give threads an override");
        }
        List<PlatformPost.Part> parts = new ArrayList<>();
        for (String t : texts) {
            Map<String, Integer> lengths = new LinkedHashMap<>();
            lengths.put(CHARACTERS, ThreadsText.length(t));
            lengths.put(LINKS, ThreadsText.links(t));
            parts.add(new PlatformPost.Part(t, lengths, List.of()));
        }
        return new PlatformPost(parts, capabilities.limits(), content.media(), content.link(), null);
    }

    /** The text: the body, then the link and the hashtags the body does not have yet, each after a blank line. */
    static String compose(PostContent content) {
        return PostText.compose(content.body(), content.link(), content.hashtags(), NOT_IN_HASHTAG);
    }

    static String hashtags(List<String> hashtags, String text) {
        return PostText.hashtags(hashtags, text, NOT_IN_HASHTAG, tag -> true);
    }

    private static String scheme(String url) {
        try {
            String s = URI.create(url.strip()).getScheme();
            return s == null ? "" : s.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
