package io.herald.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;

/**
 * Splits a text that is too long for one post into the parts of a thread, each within a limit as
 * the network counts it. Immutable and thread-safe; build one per network and reuse it.
 *
 * <p>Parts end at a whitespace boundary, never inside a word (so a URL stays whole). Within the
 * room a part has, the splitter prefers to end it after a sentence or a paragraph, as long as that
 * keeps the part at least half full; otherwise it packs as many words as fit. Whitespace inside a
 * part is kept as written (line breaks stay line breaks); whitespace at a cut is dropped.
 *
 * <p>With {@link #withCounters()} every part of a thread of two or more parts ends with a counter
 * such as {@code " (1/3)"}, counted against the limit. A text that fits in one post is returned
 * whole (stripped), without a counter.
 *
 * <pre>{@code
 * TextSplitter splitter = TextSplitter.of(String::length, 280).withCounters();
 * List<String> parts = splitter.split(longText);
 * }</pre>
 */
public final class TextSplitter {

    /** The counter appended by {@link #withCounters()}: part number, then the number of parts. */
    public static final String DEFAULT_COUNTER_FORMAT = " (%d/%d)";

    private static final int MAX_ROUNDS = 8;

    private final ToIntFunction<String> length;
    private final int limit;
    private final String counterFormat;
    private final boolean breakLongWords;
    private final Function<String, IntUnaryOperator> boundaries;

    private TextSplitter(ToIntFunction<String> length, int limit, String counterFormat, boolean breakLongWords) {
        this(length, limit, counterFormat, breakLongWords, null);
    }

    private TextSplitter(ToIntFunction<String> length, int limit, String counterFormat, boolean breakLongWords,
            Function<String, IntUnaryOperator> boundaries) {
        this.length = length;
        this.limit = limit;
        this.counterFormat = counterFormat;
        this.breakLongWords = breakLongWords;
        this.boundaries = boundaries;
    }

    /**
     * A splitter without counters that fails on a word longer than the limit.
     *
     * @param length how the network counts a text, e.g. {@code s -> s.codePointCount(0, s.length())}
     * @param limit the most a part may count, greater than 0
     */
    public static TextSplitter of(ToIntFunction<String> length, int limit) {
        Objects.requireNonNull(length, "length");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be greater than 0, but was " + limit);
        }
        return new TextSplitter(length, limit, null, false);
    }

    /** The same splitter, numbering the parts of a thread with {@link #DEFAULT_COUNTER_FORMAT}. */
    public TextSplitter withCounters() {
        return withCounters(DEFAULT_COUNTER_FORMAT);
    }

    /**
     * The same splitter, numbering the parts of a thread with {@code format}, a
     * {@link String#format} pattern taking the part number (from 1) and the number of parts, such as
     * {@code " %d/%d"} or {@code "\n\n%d/%d"}.
     */
    public TextSplitter withCounters(String format) {
        Objects.requireNonNull(format, "format");
        String sample;
        try {
            sample = String.format(format, 1, 2);
        } catch (java.util.IllegalFormatException e) {
            throw new IllegalArgumentException(
                    "counter format must take two integers (part, total), but was '" + format + "'", e);
        }
        if (sample.equals(String.format(format, 2, 2)) || sample.equals(String.format(format, 1, 3))) {
            throw new IllegalArgumentException(
                    "counter format must show both the part and the total, but was '" + format + "'");
        }
        return new TextSplitter(length, limit, format, breakLongWords, boundaries);
    }

    /**
     * The same splitter, cutting a word that alone exceeds the limit at a character boundary instead
     * of failing with {@link AdaptException}.
     */
    public TextSplitter breakingLongWords() {
        return new TextSplitter(length, limit, counterFormat, true, boundaries);
    }

    /**
     * The same splitter, cutting a word that alone exceeds the limit only where {@code boundaries}
     * allows instead of failing, e.g. between grapheme clusters (so that an emoji, a flag or a letter
     * with its accents stays whole) in text without spaces such as Chinese or Japanese.
     *
     * @param boundaries for a text, a function from an index in it to the next index after it where a
     *     cut may go (ICU's {@code BreakIterator.getCharacterInstance().following}, say)
     */
    public TextSplitter breakingLongWordsAt(Function<String, IntUnaryOperator> boundaries) {
        return new TextSplitter(length, limit, counterFormat, true, Objects.requireNonNull(boundaries, "boundaries"));
    }

    /** The limit a part may count. */
    public int limit() {
        return limit;
    }

    /** How the network counts {@code text}, with the length function this splitter was made with. */
    public int lengthOf(String text) {
        return length.applyAsInt(text);
    }

    /**
     * The parts of {@code text}: one part when it fits, else a thread.
     *
     * @throws AdaptException when a single word exceeds the limit (unless {@link #breakingLongWords()}),
     *     or when the limit leaves no room for the counter
     */
    public List<String> split(String text) {
        Objects.requireNonNull(text, "text");
        String stripped = text.strip();
        if (length.applyAsInt(stripped) <= limit) {
            return List.of(stripped);
        }
        if (counterFormat == null) {
            return pack(stripped, 0, 0);
        }
        // The counter's width depends on the number of parts, which is known only after splitting:
        // reserve room for a widest guess, and widen it until the guess holds.
        int guess = 9;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<String> parts = pack(stripped, guess, guess);
            if (parts.size() <= guess) {
                List<String> numbered = number(parts);
                if (numbered != null) {
                    return numbered;
                }
            }
            guess = parts.size() > guess ? nines(digits(parts.size())) : nines(digits(guess) + 1);
        }
        throw new AdaptException("cannot number the thread within the limit of " + limit);
    }

    private static int digits(int n) {
        return String.valueOf(n).length();
    }

    /** The widest number of {@code digits} digits: 9, 99, 999... */
    private static int nines(int digits) {
        return digits >= 10 ? Integer.MAX_VALUE : (int) Math.pow(10, digits) - 1;
    }

    /** The parts with their counters appended, or null when one no longer fits. */
    private List<String> number(List<String> parts) {
        List<String> numbered = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i) + String.format(counterFormat, i + 1, parts.size());
            if (length.applyAsInt(part) > limit) {
                return null;
            }
            numbered.add(part);
        }
        return numbered;
    }

    /**
     * Greedy packing. When {@code counterPart} is positive, each part is measured with the counter
     * {@code (counterPart/counterTotal)} appended, a stand-in for the widest real counter.
     */
    private List<String> pack(String text, int counterPart, int counterTotal) {
        String reserve = counterPart > 0 ? String.format(counterFormat, counterPart, counterTotal) : "";
        if (length.applyAsInt(reserve.strip()) >= limit) {
            throw new AdaptException("the limit of " + limit + " leaves no room for the thread counter");
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            Cut cut = nextCut(text, start, reserve);
            parts.add(text.substring(start, cut.end()));
            start = cut.next();
        }
        return parts;
    }

    private Cut nextCut(String text, int start, String reserve) {
        Cut lastFit = null;
        Cut lastSentence = null;
        int lastSentenceLength = 0;
        int i = start;
        while (i < text.length()) {
            int wordEnd = i;
            while (wordEnd < text.length() && !Character.isWhitespace(text.codePointAt(wordEnd))) {
                wordEnd += Character.charCount(text.codePointAt(wordEnd));
            }
            int next = wordEnd;
            while (next < text.length() && Character.isWhitespace(text.codePointAt(next))) {
                next += Character.charCount(text.codePointAt(next));
            }
            int measured = length.applyAsInt(text.substring(start, wordEnd) + reserve);
            if (measured > limit) {
                break;
            }
            Cut cut = new Cut(wordEnd, next);
            lastFit = cut;
            if (endsSentence(text, wordEnd, next)) {
                lastSentence = cut;
                lastSentenceLength = measured;
            }
            i = next;
        }
        if (lastFit == null) {
            return breakWord(text, start, reserve);
        }
        if (lastFit.next() >= text.length()) {
            return lastFit;
        }
        if (lastSentence != null && lastSentenceLength * 2 >= limit) {
            return lastSentence;
        }
        return lastFit;
    }

    private static boolean endsSentence(String text, int wordEnd, int next) {
        if (wordEnd == 0 || next == wordEnd) {
            return false;
        }
        char last = text.charAt(wordEnd - 1);
        if (last == '.' || last == '!' || last == '?' || last == '…') {
            return true;
        }
        return text.substring(wordEnd, next).indexOf('\n') >= 0;
    }

    private Cut breakWord(String text, int start, String reserve) {
        int wordEnd = start;
        while (wordEnd < text.length() && !Character.isWhitespace(text.codePointAt(wordEnd))) {
            wordEnd += Character.charCount(text.codePointAt(wordEnd));
        }
        if (!breakLongWords) {
            String word = text.substring(start, wordEnd);
            throw new AdaptException("a word of " + length.applyAsInt(word) + " characters does not fit the limit of "
                    + limit + ": " + abbreviate(word));
        }
        IntUnaryOperator following = boundaries == null ? i -> i + Character.charCount(text.codePointAt(i))
                : boundaries.apply(text);
        int end = start;
        int fit = -1;
        while (end < wordEnd) {
            end = Math.min(wordEnd, following.applyAsInt(end));
            if (length.applyAsInt(text.substring(start, end) + reserve) > limit) {
                break;
            }
            fit = end;
        }
        if (fit < 0) {
            throw new AdaptException("not even one character fits the limit of " + limit);
        }
        int next = fit;
        while (next < text.length() && Character.isWhitespace(text.codePointAt(next))) {
            next += Character.charCount(text.codePointAt(next));
        }
        return new Cut(fit, next);
    }

    private static String abbreviate(String word) {
        return word.codePointCount(0, word.length()) <= 40 ? word : word.substring(0, word.offsetByCodePoints(0, 40)) + "...";
    }

    /** A part ends before {@code end}; the next part starts at {@code next}. */
    private record Cut(int end, int next) {
    }
}
