package io.herald.sandbox.bluesky;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's model of the limits of {@code app.bsky.feed.post#text}, written apart from the
 * connector's count on purpose: at most 300 graphemes (user-perceived characters, the JDK's
 * {@code \X}, as the PDS counts with a grapheme segmenter) and at most 3,000 UTF-8 bytes (the
 * lexicon's {@code maxLength}).
 */
public final class BlueskyTextRules {

    public static final int MAX_GRAPHEMES = 300;
    public static final int MAX_BYTES = 3000;

    private static final Pattern CLUSTER = Pattern.compile("\\X");

    private BlueskyTextRules() {
    }

    public static int graphemes(String text) {
        Matcher m = CLUSTER.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    public static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
