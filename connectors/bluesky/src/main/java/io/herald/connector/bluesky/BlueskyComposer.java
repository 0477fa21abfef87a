package io.herald.connector.bluesky;

import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.Media;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PostText;
import io.herald.connector.TextSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shapes content for Bluesky: the body, then the link and the hashtags the body does not have yet,
 * each after a blank line; one post, or over 300 graphemes or 3,000 UTF-8 bytes a thread of replies
 * numbered {@code (1/3)}, cut at sentence or word boundaries, so never inside a URL, hashtag,
 * mention or grapheme cluster. Each part carries its facets (links, tags, mentions) with UTF-8 byte
 * offsets; a mention's DID is looked up when the post is published. Pure.
 */
final class BlueskyComposer {

    static final String GRAPHEMES = "graphemes";
    static final String BYTES = "bytes";
    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}_]");

    private BlueskyComposer() {
    }

    static PlatformPost adapt(PostContent content, Capabilities capabilities) {
        Capabilities.MediaRules rules = capabilities.media();
        if (content.media().size() > rules.maxItems()) {
            throw new AdaptException("bluesky takes at most " + rules.maxItems() + " images per post, but this post has "
                    + content.media().size() + "; remove some or give bluesky an override");
        }
        for (Media m : content.media()) {
            if (m.mimeType() != null && !m.mimeType().isBlank() && !rules.accepts(m.mimeType().strip())) {
                throw new AdaptException("bluesky takes JPEG, PNG and WebP images, but " + m.url() + " is " + m.mimeType()
                        + "; convert it");
            }
            if (m.altText() != null && rules.maxAltText() > 0 && BlueskyText.graphemes(m.altText()) > rules.maxAltText()) {
                throw new AdaptException("bluesky takes alt text of at most " + rules.maxAltText() + " characters, but the alt text of "
                        + m.url() + " has " + BlueskyText.graphemes(m.altText()) + "; shorten it");
            }
        }
        String text = compose(content);
        if (text.isBlank() && content.media().isEmpty()) {
            throw new AdaptException("nothing to post to bluesky: the body, link and hashtags are empty and there is no image");
        }
        int graphemes = capabilities.limits().getOrDefault(GRAPHEMES, BlueskyText.GRAPHEME_LIMIT);
        int bytes = capabilities.limits().getOrDefault(BYTES, BlueskyText.BYTE_LIMIT);
        for (PlatformPost.Facet f : BlueskyText.facets(text)) {
            String selected = BlueskyText.selected(text, f);
            if (f.type().equals("link") && BlueskyText.combinedLength(selected, graphemes, bytes) > graphemes) {
                throw new AdaptException("bluesky cannot post a link of " + BlueskyText.graphemes(selected) + " characters whole (a post"
                        + " takes " + graphemes + "): " + selected.substring(0, Math.min(60, selected.length()))
                        + "...; shorten the link");
            }
        }
        // parts end between words; a run without spaces longer than a post (Chinese, Japanese) is cut
        // between grapheme clusters, never inside an emoji or a letter with its accents
        TextSplitter splitter = TextSplitter.of(t -> BlueskyText.combinedLength(t, graphemes, bytes), graphemes).withCounters()
                .breakingLongWordsAt(BlueskyText::graphemeBoundaries);
        List<String> texts;
        try {
            texts = text.isBlank() ? List.of("") : splitter.split(text);
        } catch (AdaptException e) {
            throw new AdaptException("bluesky cannot split this post: " + e.getMessage() + " (Bluesky takes " + graphemes
                    + " characters and " + bytes + " bytes per post); shorten it or give bluesky an override");
        }
        if (texts.size() > capabilities.threads().maxParts()) {
            throw new AdaptException("too long for bluesky: it would take " + texts.size() + " posts of " + graphemes
                    + " characters, and Herald threads at most " + capabilities.threads().maxParts()
                    + "; shorten the body or give bluesky an override");
        }
        List<PlatformPost.Part> parts = new ArrayList<>();
        for (String t : texts) {
            Map<String, Integer> lengths = new LinkedHashMap<>();
            lengths.put(GRAPHEMES, BlueskyText.graphemes(t));
            lengths.put(BYTES, BlueskyText.bytes(t));
            parts.add(new PlatformPost.Part(t, lengths, BlueskyText.facets(t)));
        }
        String link = content.link() == null || content.link().isBlank() ? null : content.link().strip();
        return new PlatformPost(parts, capabilities.limits(), content.media(), link, null);
    }

    /** The text: the body, then the link and the hashtags the body does not have yet, each after a blank line. */
    static String compose(PostContent content) {
        return PostText.compose(content.body(), content.link(), content.hashtags(), NOT_IN_HASHTAG, BlueskyComposer::linksAsTag);
    }

    static String hashtags(List<String> hashtags, String text) {
        return PostText.hashtags(hashtags, text, NOT_IN_HASHTAG, BlueskyComposer::linksAsTag);
    }

    /** Bluesky makes no tag of digits alone. */
    private static boolean linksAsTag(String tag) {
        return !tag.chars().allMatch(Character::isDigit);
    }
}
