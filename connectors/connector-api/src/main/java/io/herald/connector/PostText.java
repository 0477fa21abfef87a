package io.herald.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The text most networks are sent: the body, then the link and the hashtags the body does not
 * have yet, each after a blank line. What the connectors' composers share; each passes what its
 * network links in a hashtag.
 */
public final class PostText {

    /** What is not in a hashtag on most networks: anything but letters, digits and {@code _}. */
    public static final Pattern NOT_LETTER_DIGIT_UNDERSCORE = Pattern.compile("[^\\p{L}\\p{N}_]");

    private PostText() {}

    /**
     * The body, then {@code link} unless the body has it (null or blank: none), then the hashtags
     * the text does not have yet.
     */
    public static String compose(String body, String link, List<String> hashtags, Pattern notInHashtag) {
        return compose(body, link, hashtags, notInHashtag, tag -> true);
    }

    /** As {@link #compose(String, String, List, Pattern)}, leaving out the hashtags {@code allowed} refuses. */
    public static String compose(String body, String link, List<String> hashtags, Pattern notInHashtag,
            Predicate<String> allowed) {
        StringBuilder text = new StringBuilder(body.strip());
        String l = link == null ? "" : link.strip();
        if (!l.isEmpty() && !text.toString().contains(l)) {
            appendParagraph(text, l);
        }
        String tags = hashtags(hashtags, text.toString(), notInHashtag, allowed);
        if (!tags.isEmpty()) {
            appendParagraph(text, tags);
        }
        return text.toString();
    }

    /**
     * {@code #Tag #Other}: each tag cleaned of what {@code notInHashtag} matches, without duplicates
     * (case-insensitive), tags the text already has, or tags {@code allowed} refuses.
     */
    public static String hashtags(List<String> hashtags, String text, Pattern notInHashtag, Predicate<String> allowed) {
        String lowerText = text.toLowerCase(Locale.ROOT);
        Map<String, String> tags = new LinkedHashMap<>();
        for (String raw : hashtags) {
            String tag = notInHashtag.matcher(raw.strip().replaceFirst("^#+", "")).replaceAll("");
            String key = tag.toLowerCase(Locale.ROOT);
            if (!tag.isEmpty() && allowed.test(tag)
                    && !Pattern.compile("#" + Pattern.quote(key) + "(?![\\p{L}\\p{N}_])").matcher(lowerText).find()) {
                tags.putIfAbsent(key, "#" + tag);
            }
        }
        return String.join(" ", tags.values());
    }

    /** Appends {@code paragraph} after a blank line (none before the first). */
    public static void appendParagraph(StringBuilder text, String paragraph) {
        if (text.length() > 0) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }
}
