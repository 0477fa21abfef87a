package io.herald.sandbox.mastodon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Mastodon server counts a status against its limit (its {@code StatusLengthValidator}):
 * Unicode code points, where every {@code http(s)://} URL counts as 23 whatever its length, and a
 * mention of a remote account, {@code @user@domain}, counts as {@code @user}.
 *
 * <p>This is the sandbox's model of the server, written apart from the Mastodon connector's own
 * count on purpose: when the two disagree, the stand-in refuses the post as Mastodon would.
 */
public final class MastodonTextLength {

    /** What a URL counts, Mastodon's {@code characters_reserved_per_url}. */
    public static final int URL_LENGTH = 23;

    private static final Pattern URL = Pattern.compile("(?<![\\w@/.])https?://[^\\s/?#@]+[^\\s]*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern REMOTE_MENTION = Pattern.compile(
            "(?<![=/\\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[\\w.-]+\\w+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final String TRAILING_PUNCTUATION = ".,:;!?'\"»”’";

    private MastodonTextLength() {
    }

    /** The length of {@code text} as Mastodon counts it. */
    public static int of(String text) {
        return of(text, URL_LENGTH);
    }

    /** The length of {@code text} on a server whose {@code characters_reserved_per_url} is {@code urlLength}. */
    public static int of(String text, int urlLength) {
        String countable = withoutRemoteDomains(withUrlsAsPlaceholders(text, urlLength));
        return countable.codePointCount(0, countable.length());
    }

    private static String withUrlsAsPlaceholders(String text, int urlLength) {
        Matcher m = URL.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            int end = trimmedEnd(text, m.start(), m.end());
            sb.append(text, last, m.start()).append("x".repeat(urlLength));
            last = end;
        }
        return sb.append(text.substring(last)).toString();
    }

    /** URLs do not take the punctuation that ends a sentence, nor a closing bracket they did not open. */
    private static int trimmedEnd(String text, int start, int end) {
        while (end > start) {
            char c = text.charAt(end - 1);
            if (TRAILING_PUNCTUATION.indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static long count(String text, int start, int end, char c) {
        return text.substring(start, end).chars().filter(ch -> ch == c).count();
    }

    private static String withoutRemoteDomains(String text) {
        return REMOTE_MENTION.matcher(text).replaceAll(r -> Matcher.quoteReplacement("@" + r.group(1)));
    }
}
