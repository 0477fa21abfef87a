package io.herald.connector.x;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Counts a post the way X does, with X's own library (twitter-text 3.1, configuration v3): most
 * characters weigh 2 (CJK, emoji as one cluster each weigh 2), Latin-1 and a few general
 * punctuation ranges weigh 1, and every URL weighs {@value #URL_WEIGHT} however long it is. The
 * limit of a standard account is {@value #DEFAULT_LIMIT}.
 */
public final class XText {

    /** What a standard account may post, in weighted characters. */
    public static final int DEFAULT_LIMIT = 280;
    /** What one URL weighs (its t.co form). */
    public static final int URL_WEIGHT = 23;

    private static final Pattern SPACE = Pattern.compile("\\s+");

    private XText() {
    }

    /** The weighted length of {@code text}, as X counts it against the limit. */
    public static int weightedLength(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }

    /**
     * {@code text} as a read-back compares it: X answers with every URL replaced by its t.co link,
     * and with {@code &amp;}, {@code &lt;} and {@code &gt;} escaped, so both are undone here; URLs
     * become one placeholder and whitespace is collapsed.
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String unescaped = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        // the URLs as X finds them (with or without a scheme), each replaced by one placeholder
        List<Extractor.Entity> urls = new Extractor().extractURLsWithIndices(unescaped);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (Extractor.Entity url : urls) {
            out.append(unescaped, from, url.getStart()).append("<url>");
            from = url.getEnd();
        }
        out.append(unescaped.substring(from));
        return SPACE.matcher(out).replaceAll(" ").strip();
    }
}
