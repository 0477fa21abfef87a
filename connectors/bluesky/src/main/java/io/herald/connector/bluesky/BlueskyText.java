package io.herald.connector.bluesky;

import com.ibm.icu.text.BreakIterator;
import io.herald.connector.PlatformPost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Bluesky counts and annotates a post's text ({@code app.bsky.feed.post}):
 * <ul>
 *   <li>at most 300 graphemes (user-perceived characters: extended grapheme clusters, ICU4J; a ZWJ
 *       family or a flag is 1) <b>and</b> at most 3,000 UTF-8 bytes (the lexicon's {@code maxGraphemes}
 *       and {@code maxLength});</li>
 *   <li>links, hashtags and mentions are not found by the network in the text: the post carries
 *       facets over UTF-8 byte ranges {@code [byteStart, byteEnd)}, found here as the Bluesky app finds
 *       them (its {@code RichText.detectFacets}): {@code http(s)://} URLs without the punctuation that
 *       ends a sentence; {@code #tag} after a space or at the start, not only digits, at most 64
 *       characters, without trailing punctuation; {@code @handle} with a dot in it.</li>
 * </ul>
 */
public final class BlueskyText {

    /** Bluesky's limit on graphemes. */
    public static final int GRAPHEME_LIMIT = 300;
    /** Bluesky's limit on UTF-8 bytes. */
    public static final int BYTE_LIMIT = 3000;
    /** The longest tag the app links. */
    static final int MAX_TAG = 64;

    private static final Pattern URL = Pattern.compile("(?<=^|[\\s(])(https?://\\S+)", Pattern.CASE_INSENSITIVE);
    private static final String TAG_BREAK = "\\s\\u00AD\\u2060\\u200A\\u200B\\u200C\\u200D\\u20e2";
    private static final Pattern TAG = Pattern.compile("(?<=^|\\s)[#＃]((?!\\ufe0f)[^" + TAG_BREAK + "]*[^\\d\\p{P}" + TAG_BREAK
            + "]+[^" + TAG_BREAK + "]*)");
    private static final Pattern MENTION = Pattern.compile("(?<=^|[\\s(])@(([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+"
            + "[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?![a-zA-Z0-9.-]*[a-zA-Z0-9])");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$");

    private BlueskyText() {
    }

    /** The graphemes of {@code text}. */
    public static int graphemes(String text) {
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        int n = 0;
        for (int end = clusters.next(); end != BreakIterator.DONE; end = clusters.next()) {
            n++;
        }
        return n;
    }

    /** For {@code text}, the next grapheme boundary after an index. */
    static java.util.function.IntUnaryOperator graphemeBoundaries(String text) {
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        return i -> {
            int next = clusters.following(i);
            return next == BreakIterator.DONE ? text.length() : next;
        };
    }

    /** The UTF-8 bytes of {@code text}. */
    public static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * One number that is at most {@code graphemeLimit} exactly when {@code text} keeps both limits:
     * its graphemes, or its bytes scaled to the grapheme limit, whichever is more. The thread splitter
     * cuts by it.
     */
    static int combinedLength(String text, int graphemeLimit, int byteLimit) {
        long scaledBytes = ((long) bytes(text) * graphemeLimit + byteLimit - 1) / byteLimit;
        return (int) Math.max(graphemes(text), scaledBytes);
    }

    /** The facets of {@code text}: links, tags and mentions, in order, none overlapping. */
    public static List<PlatformPost.Facet> facets(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher url = URL.matcher(text);
        while (url.find()) {
            int end = urlEnd(text, url.start(1), url.end(1));
            String u = text.substring(url.start(1), end);
            if (u.matches("(?i)https?://[^/?#\\s]+.*") && !u.matches("(?i)https?://[.:]*")) {
                spans.add(new Span("link", url.start(1), end, u));
            }
        }
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            String t = TRAILING_PUNCTUATION.matcher(tag.group(1)).replaceAll("");
            if (t.isEmpty() || t.length() > MAX_TAG || t.chars().allMatch(Character::isDigit)) {
                continue;
            }
            spans.add(new Span("tag", tag.start(), tag.start(1) + t.length(), t));
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            String handle = mention.group(1);
            if (isReservedTld(handle)) {
                continue;
            }
            spans.add(new Span("mention", mention.start(), mention.end(1), handle));
        }
        spans.sort(Comparator.comparingInt(Span::start));
        List<PlatformPost.Facet> out = new ArrayList<>();
        int covered = 0;
        for (Span s : spans) {
            if (s.start() < covered) {
                continue; // a tag or mention inside a URL is the URL's
            }
            int byteStart = bytes(text.substring(0, s.start()));
            int byteEnd = byteStart + bytes(text.substring(s.start(), s.end()));
            out.add(new PlatformPost.Facet(s.type(), byteStart, byteEnd, s.value()));
            covered = s.end();
        }
        return out;
    }

    /** The text a facet selects in {@code text}. */
    public static String selected(String text, PlatformPost.Facet facet) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new String(b, facet.byteStart(), facet.byteEnd() - facet.byteStart(), StandardCharsets.UTF_8);
    }

    private static boolean isReservedTld(String handle) {
        String tld = handle.substring(handle.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        return java.util.Set.of("local", "arpa", "invalid", "localhost", "internal", "onion", "alt").contains(tld);
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
            if (".,;:!?'\"»”’".indexOf(last) >= 0) {
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

    private record Span(String type, int start, int end, String value) {
    }
}
