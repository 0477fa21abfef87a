package io.herald.connector.instagram;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Herald counts an Instagram caption against Instagram's limits: "Maximum 2200 characters, 30
 * hashtags, and 20 @ tags" (the {@code caption} parameter of {@code POST /{ig-user-id}/media}, Meta's
 * IG User Media reference).
 *
 * <p>Meta does not say how a "character" is counted. Herald counts UTF-16 code units, the largest of
 * the plausible counts (an emoji such as 😀 counts 2, a family emoji up to 11; a letter counts 1), so
 * that a caption Herald accepts is never too long for Instagram, whichever count Instagram uses.
 *
 * <p>A hashtag is {@code #} followed by letters, digits or underscores, not inside a word; every
 * occurrence counts (a tag written twice counts twice), again the stricter reading.
 */
public final class InstagramText {

    /** Instagram's caption limit. */
    public static final int CAPTION_LIMIT = 2200;

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&#/])#[\\p{L}\\p{N}_]+");

    private InstagramText() {
    }

    /** The caption's length as Herald counts it: UTF-16 code units. */
    public static int length(String caption) {
        return caption.length();
    }

    /** The hashtags in the caption, every occurrence. */
    public static int hashtags(String caption) {
        Matcher m = HASHTAG.matcher(caption);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
