package io.herald.connector.linkedin;

/**
 * LinkedIn's "little text" format, in which the Posts API takes a post's {@code commentary}
 * (learn.microsoft.com, LinkedIn Marketing, Community Management, "little text format"): plain text
 * in which {@code \ | { } @ [ ] ( ) < > # * _ ~} are reserved for elements (mentions
 * {@code @[Name](urn:li:organization:1)}, hashtags {@code #tag}, templates). A reserved character that
 * is meant as text must be escaped with a backslash; unescaped, LinkedIn does not refuse the post: it
 * accepts it and silently cuts the text at that character (the failure reported against Postiz,
 * crossposter and other tools). Pure functions, no state.
 *
 * <p>How LinkedIn counts the commentary against its 3,000 characters is not documented beyond
 * "characters"; Herald counts the commentary as sent (escapes included) in UTF-16 code units, which
 * is never less than the text shown, so what Herald accepts LinkedIn accepts.
 */
public final class LinkedInText {

    /** The characters little text reserves, each escaped with a backslash to be plain text. */
    public static final String RESERVED = "\\|{}@[]()<>#*_~";

    private LinkedInText() {
    }

    /** Whether {@code c} is reserved in little text. */
    public static boolean isReserved(int c) {
        return c < 0x80 && RESERVED.indexOf(c) >= 0;
    }

    /** {@code text} as plain little text: every reserved character escaped, nothing else changed. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isReserved(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * The inverse of {@link #escape} and {@link #commentary}: every backslash pair becomes the
     * character it escapes. {@code unescape(escape(s)).equals(s)} for every {@code s}.
     */
    public static String unescape(String little) {
        StringBuilder out = new StringBuilder(little.length());
        for (int i = 0; i < little.length(); i++) {
            char c = little.charAt(i);
            if (c == '\\' && i + 1 < little.length()) {
                out.append(little.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The commentary Herald sends for {@code text}: every reserved character escaped except the
     * {@code #} that starts a hashtag (a {@code #} at the start of a word, followed by a letter or a
     * digit), so that hashtags stay LinkedIn hashtags. {@code unescape(commentary(s)).equals(s)}.
     */
    public static String commentary(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' && startsHashtag(text, i)) {
                out.append(c);
                continue;
            }
            if (isReserved(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** How LinkedIn's limit is counted here: UTF-16 code units of the commentary as sent. */
    public static int length(String commentary) {
        return commentary.length();
    }

    /** A {@code #} at {@code at} starts a hashtag: at a word start, followed by a letter or digit. */
    static boolean startsHashtag(String text, int at) {
        if (at + 1 >= text.length()) {
            return false;
        }
        int next = text.codePointAt(at + 1);
        if (!Character.isLetterOrDigit(next)) {
            return false;
        }
        if (at == 0) {
            return true;
        }
        int before = text.codePointBefore(at);
        return !Character.isLetterOrDigit(before) && before != '_' && before != '#' && before != '\\'
                && before != '&' && before != '/';
    }
}
