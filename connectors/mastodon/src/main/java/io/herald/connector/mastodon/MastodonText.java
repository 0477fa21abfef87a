package io.herald.connector.mastodon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts a status the way Mastodon does against its 500-character limit: Unicode code points,
 * where every {@code http://} or {@code https://} URL counts as {@value #URL_WEIGHT} however long it
 * is, and a mention of a remote account ({@code @user@domain}) counts only its {@code @user} part.
 * Punctuation that ends a sentence, or a closing bracket the URL did not open, is not part of a URL.
 */
public final class MastodonText {

    /** What one URL counts: Mastodon's {@code characters_reserved_per_url}. */
    public static final int URL_WEIGHT = 23;

    private static final Pattern URL = Pattern.compile(
            "(?<![\\w@/.])https?://[^\\s/?#@]+\\S*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern REMOTE_MENTION = Pattern.compile(
            "(?<![=/\\w])(@[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[\\w.-]+\\w+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final String NOT_AT_URL_END = ".,:;!?'\"»”’";

    private MastodonText() {
    }

    /** The length of {@code text} as Mastodon counts it with its default URL weight. */
    public static int length(String text) {
        return length(text, URL_WEIGHT);
    }

    /** The length of {@code text} as a server counts it whose {@code characters_reserved_per_url} is {@code urlWeight}. */
    public static int length(String text, int urlWeight) {
        int length = 0;
        int from = 0;
        Matcher url = URL.matcher(text);
        while (url.find()) {
            int end = urlEnd(text, url.start(), url.end());
            length += plainLength(text.substring(from, url.start())) + urlWeight;
            from = end;
        }
        return length + plainLength(text.substring(from));
    }

    private static int plainLength(String text) {
        String counted = REMOTE_MENTION.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        return counted.codePointCount(0, counted.length());
    }

    private static int urlEnd(String text, int start, int end) {
        int opened = 0;
        int closed = 0;
        for (int i = start; i < end; i++) {
            opened += text.charAt(i) == '(' ? 1 : 0;
            closed += text.charAt(i) == ')' ? 1 : 0;
        }
        while (end > start) {
            char last = text.charAt(end - 1);
            if (NOT_AT_URL_END.indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && closed > opened) {
                closed--;
                end--;
            } else {
                return end;
            }
        }
        return end;
    }
}
