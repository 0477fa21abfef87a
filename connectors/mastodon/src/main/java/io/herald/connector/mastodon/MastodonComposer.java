package io.herald.connector.mastodon;

import io.herald.connector.AdaptException;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.TextSplitter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shapes content for Mastodon: the body, then the link and the hashtags, each after a blank line;
 * split into a thread numbered {@code (1/3)} when it exceeds {@value #LIMIT} characters as Mastodon
 * counts them. Pure and thread-safe.
 */
final class MastodonComposer {

    /** Mastodon's default {@code max_characters}. */
    static final int LIMIT = 500;

    private static final TextSplitter SPLITTER = TextSplitter.of(MastodonText::length, LIMIT).withCounters();
    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}_]");

    private MastodonComposer() {
    }

    static PlatformPost adapt(PostContent content) {
        String text = compose(content);
        if (text.isBlank()) {
            throw new AdaptException("nothing to post to mastodon: the body, link and hashtags are empty");
        }
        List<String> parts = SPLITTER.split(text);
        return new PlatformPost(parts, parts.stream().map(MastodonText::length).toList(), LIMIT, content.media());
    }

    static String compose(PostContent content) {
        StringBuilder text = new StringBuilder(content.body().strip());
        String link = content.link() == null ? "" : content.link().strip();
        if (!link.isEmpty() && !text.toString().contains(link)) {
            appendParagraph(text, link);
        }
        String tags = hashtags(content.hashtags(), text.toString());
        if (!tags.isEmpty()) {
            appendParagraph(text, tags);
        }
        return text.toString();
    }

    /** {@code #Tag #Other}: each tag cleaned to what Mastodon links, without duplicates or tags the text has. */
    private static String hashtags(List<String> hashtags, String text) {
        String lowerText = text.toLowerCase(Locale.ROOT);
        Map<String, String> tags = new LinkedHashMap<>();
        for (String raw : hashtags) {
            String tag = NOT_IN_HASHTAG.matcher(raw.strip().replaceFirst("^#+", "")).replaceAll("");
            String key = tag.toLowerCase(Locale.ROOT);
            if (!tag.isEmpty() && !Pattern.compile("#" + Pattern.quote(key) + "(?![\\p{L}\\p{N}_])")
                    .matcher(lowerText).find()) {
                tags.putIfAbsent(key, "#" + tag);
            }
        }
        return String.join(" ", tags.values());
    }

    private static void appendParagraph(StringBuilder text, String paragraph) {
        if (text.length() > 0) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }
}
