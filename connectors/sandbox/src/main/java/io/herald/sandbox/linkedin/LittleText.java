package io.herald.sandbox.linkedin;

/**
 * What LinkedIn shows for a commentary in its "little text" format (learn.microsoft.com, LinkedIn
 * Marketing, "little text format"): a backslash makes the next character plain text; {@code #tag}
 * is a hashtag, shown as written; {@code @[Name](urn:li:...)} a mention, shown as its name;
 * {@code {hashtag|\#|tag}} the hashtag template, shown as {@code #tag}. Any other reserved character
 * ({@code \ | { } @ [ ] ( ) < > # * _ ~}) that is not escaped ends the text there: LinkedIn accepts
 * such a post and silently cuts it, and so does the stand-in.
 *
 * <p>The sandbox's model of LinkedIn, written apart from the connector's escaping on purpose: when
 * the two disagree, the stand-in shows a cut text as LinkedIn would.
 */
public final class LittleText {

    private static final String RESERVED = "\\|{}@[]()<>#*_~";

    private LittleText() {
    }

    /** The text LinkedIn shows for {@code commentary}. */
    public static String shown(String commentary) {
        StringBuilder out = new StringBuilder(commentary.length());
        int i = 0;
        int n = commentary.length();
        while (i < n) {
            char c = commentary.charAt(i);
            if (c == '\\') {
                if (i + 1 < n) {
                    out.append(commentary.charAt(i + 1));
                    i += 2;
                    continue;
                }
                break; // a lone backslash at the end: nothing to escape, LinkedIn drops it
            }
            if (RESERVED.indexOf(c) < 0) {
                out.append(c);
                i++;
                continue;
            }
            if (c == '#' && i + 1 < n && Character.isLetterOrDigit(commentary.codePointAt(i + 1))) {
                out.append('#'); // a hashtag element; its letters follow as text
                i++;
                continue;
            }
            if (c == '@') {
                int end = mentionEnd(commentary, i);
                if (end > 0) {
                    out.append(commentary, i + 2, commentary.indexOf(']', i));
                    i = end;
                    continue;
                }
            }
            if (c == '{') {
                int close = commentary.indexOf('}', i);
                String template = close < 0 ? "" : commentary.substring(i + 1, close);
                if (template.startsWith("hashtag|\\#|") && template.length() > "hashtag|\\#|".length()) {
                    out.append('#').append(template.substring("hashtag|\\#|".length()));
                    i = close + 1;
                    continue;
                }
            }
            break; // an unescaped reserved character: LinkedIn cuts the text here
        }
        return out.toString();
    }

    /** The end of a mention {@code @[Name](urn:li:...)} starting at {@code at}, or -1. */
    private static int mentionEnd(String s, int at) {
        if (at + 1 >= s.length() || s.charAt(at + 1) != '[') {
            return -1;
        }
        int close = s.indexOf(']', at + 2);
        if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != '(') {
            return -1;
        }
        int end = s.indexOf(')', close + 2);
        if (end < 0 || !s.startsWith("urn:li:", close + 2)) {
            return -1;
        }
        return end + 1;
    }

    /** How the stand-in counts a commentary against the 3,000 limit: UTF-16 code units as sent. */
    public static int length(String commentary) {
        return commentary.length();
    }
}
