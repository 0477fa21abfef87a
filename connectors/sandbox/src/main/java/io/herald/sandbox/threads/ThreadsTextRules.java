package io.herald.sandbox.threads;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's model of Threads' text rules, written apart from the connector's count on purpose:
 * 500 characters where "Emojis are counted as the number of UTF-8 bytes" (Threads Posts guide), and at
 * most 5 distinct links ("All unique URLs found in the text field are counted as links", Text
 * Attachments guide). A character is a user-perceived one (the JDK's {@code \X}); one holding an
 * Extended_Pictographic or Regional_Indicator code point, or a keycap (U+20E3), is an emoji.
 */
public final class ThreadsTextRules {

    public static final int MAX_CHARACTERS = 500;
    public static final int MAX_LINKS = 5;

    private static final Pattern CLUSTER = Pattern.compile("\\X");
    private static final Pattern LINK = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_@.])(https?://|www\\.)\\S+");

    private ThreadsTextRules() {
    }

    public static int characters(String text) {
        Matcher m = CLUSTER.matcher(text);
        int n = 0;
        while (m.find()) {
            String cluster = m.group();
            boolean emoji = cluster.codePoints().anyMatch(cp -> cp == 0x20E3
                    || UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
                    || UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR));
            n += emoji ? cluster.getBytes(StandardCharsets.UTF_8).length : 1;
        }
        return n;
    }

    public static int links(String text) {
        Set<String> distinct = new LinkedHashSet<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String url = m.group().replaceAll("[.,:;!?'\"»”’)\\]}]+$", "");
            if (url.length() > m.group(1).length()) {
                distinct.add(url);
            }
        }
        return distinct.size();
    }
}
