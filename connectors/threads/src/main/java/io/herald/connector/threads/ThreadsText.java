package io.herald.connector.threads;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Threads counts a post against its limits, as Meta documents them:
 * <ul>
 *   <li>"Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8 bytes"
 *       (Threads Posts guide, "Limitations"; the {@code text} parameter in the Publishing reference says
 *       the same). Herald counts each user-perceived character (an extended grapheme cluster, ICU4J)
 *       as 1, and an emoji cluster as its UTF-8 bytes: 😀 counts 4, 👍🏽 8, 👩‍⚕️ 13, a flag 8. A
 *       cluster is an emoji when it has an Extended_Pictographic or Regional_Indicator code point, or
 *       the keycap mark U+20E3. Some say Threads counts an emoji as 1 in practice; counting the bytes,
 *       as documented, never lets a post through that Threads would refuse.</li>
 *   <li>"The number of links is restricted to 5 or fewer": "All unique URLs found in the text field
 *       are counted as links" (Text Attachments guide; enforced from December 22, 2025 with
 *       {@code THREADS_API__LINK_LIMIT_EXCEEDED}). Herald counts the distinct {@code http://},
 *       {@code https://} and {@code www.} URLs, without the punctuation that ends a sentence.</li>
 * </ul>
 */
public final class ThreadsText {

    /** Threads' limit on a post's text. */
    public static final int CHARACTER_LIMIT = 500;
    /** Threads' limit on the links of one post. */
    public static final int LINK_LIMIT = 5;

    private static final Pattern URL = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_@.])(?:https?://|www\\.)[^\\s]+");
    private static final String TRAILING = ".,:;!?'\"»”’)]}";

    private ThreadsText() {
    }

    /** The length of {@code text} as Threads counts it. */
    public static int length(String text) {
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        int length = 0;
        int start = clusters.first();
        for (int end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
            String cluster = text.substring(start, end);
            length += isEmoji(cluster) ? cluster.getBytes(StandardCharsets.UTF_8).length : 1;
        }
        return length;
    }

    /** The distinct links in {@code text}. */
    public static int links(String text) {
        return distinctLinks(text).size();
    }

    /** The distinct links in {@code text}, in order. */
    public static Set<String> distinctLinks(String text) {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String url = m.group();
            int end = url.length();
            while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end > 0 && !url.substring(0, end).equalsIgnoreCase("www.") && !url.substring(0, end).matches("(?i)https?://")) {
                links.add(url.substring(0, end));
            }
        }
        return links;
    }

    static boolean isEmoji(String cluster) {
        for (int i = 0; i < cluster.length(); ) {
            int cp = cluster.codePointAt(i);
            if (cp == 0x20E3 || UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
                    || UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
